"""Print the shell blocks of a Markdown file that follow `<!-- ci: NAME -->` markers."""

import re
import sys
from pathlib import Path

BLOCK = re.compile(
    r"<!-- ci: (?P<name>[\w-]+) -->\s*```(?:sh|bash|console)\n(?P<body>.*?)```", re.DOTALL
)


def main() -> int:
    """Print the named blocks in the order asked; fail if one is missing."""
    path, *names = sys.argv[1:]
    blocks = {m["name"]: m["body"] for m in BLOCK.finditer(Path(path).read_text(encoding="utf-8"))}
    missing = [name for name in names if name not in blocks]
    if missing:
        sys.stderr.write(f"{path}: no block marked {', '.join(missing)}\n")
        return 1
    sys.stdout.write("".join(blocks[name] for name in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
