"""The budget-classification reference (支出功能分类, 部门预算支出经济分类) and the name resolver."""
