"""Operations around the pipeline: ``specx run`` (inputs, manifest, lock, retirement, the
executors that extract documents locally or on a Dask cluster), ``specx watch``, change reports,
the live progress line, and the isolated worker processes."""
