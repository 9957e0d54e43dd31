"""Review reports: static HTML per output beside its source (``report`` gathers, ``html`` writes)."""
