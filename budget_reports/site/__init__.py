"""The static review site: an index of the reports and one page per report with its evidence on the page."""
