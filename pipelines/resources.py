"""Resources: where the raw reports are read from and where the warehouse is written."""

import os

from dagster import ConfigurableResource

from budget_reports.object_storage import is_remote
from budget_reports.runs import Paths, resolve

# Where reports read from object storage are mirrored, inside the warehouse folder.
RAW_MIRROR_DIR = "raw-mirror"


class WarehousePaths(ConfigurableResource):
    """``raw_dir`` (a folder or an object-storage URI such as ``s3://bucket/reports``), ``warehouse_dir``
    and, optionally, ``parquet_uri``: where the Parquet copy is also published. Relative paths are taken
    from the project root."""

    raw_dir: str
    warehouse_dir: str
    parquet_uri: str = ""

    @classmethod
    def from_env(cls) -> "WarehousePaths":
        return cls(
            raw_dir=os.environ.get("BUDGET_RAW_DIR", "data/raw"),
            warehouse_dir=os.environ.get("BUDGET_WAREHOUSE_DIR", "data/warehouse"),
            parquet_uri=os.environ.get("BUDGET_PARQUET_URI", ""),
        )

    @property
    def raw_is_remote(self) -> bool:
        return is_remote(self.raw_dir)

    def paths(self) -> Paths:
        """Local paths; reports in object storage are read from their mirror in the warehouse folder."""
        warehouse_dir = resolve(self.warehouse_dir)
        raw_dir = warehouse_dir / RAW_MIRROR_DIR if self.raw_is_remote else resolve(self.raw_dir)
        return Paths(raw_dir, warehouse_dir)
