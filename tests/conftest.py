import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
RAW = ROOT / "raw"
GOLDEN = Path(__file__).parent / "golden"
