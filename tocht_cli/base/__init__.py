"""What every layer may use: errors and exit codes, the catalogs, text made safe, files replaced whole, dates."""
