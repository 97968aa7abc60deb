"""Resources: where the raw reports are read from and where the warehouse is written."""

import os

from dagster import ConfigurableResource

from budget_reports.runs import Paths, resolve


class WarehousePaths(ConfigurableResource):
    """``raw_dir`` and ``warehouse_dir``; relative paths are taken from the project root."""

    raw_dir: str
    warehouse_dir: str

    @classmethod
    def from_env(cls) -> "WarehousePaths":
        return cls(
            raw_dir=os.environ.get("BUDGET_RAW_DIR", "data/raw"),
            warehouse_dir=os.environ.get("BUDGET_WAREHOUSE_DIR", "data/warehouse"),
        )

    def paths(self) -> Paths:
        return Paths(resolve(self.raw_dir), resolve(self.warehouse_dir))
