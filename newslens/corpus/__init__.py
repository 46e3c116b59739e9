"""The corpus store: many articles analysed into flat Parquet tables that DuckDB queries.

`schema` defines the tables, `rows` turns an `Analysis` into their rows, `build` shards the
input and runs the analysis (serially, in a process pool or on Dask), `store` writes the
hive-partitioned folder safely, and `queries` answers the named questions as DataFrames.
"""

# The named queries of `corpus query` (newslens.corpus.queries.run_named); here so that the
# CLI can list them without importing DuckDB and pandas.
QUERY_NAMES = ("share-of-voice", "stance", "stance-evidence", "cooccurrence", "events")
