#!/usr/bin/env python3
"""Where the bytes of a wasm file go: code per crate, the largest functions, and the generic
functions compiled many times over. Needs only Python 3.

    python3 benches/wasm_size.py [WASM] [--top N]

WASM defaults to the app as cargo builds it for Trunk
(target/wasm32-unknown-unknown/web/flowsim.wasm): before wasm-bindgen and wasm-opt, so every
function still has its name. Those two steps remove the bindings' describe functions and
shrink the rest by about a fifth; the shares stay about the same. Names are Rust's legacy
mangling, so a generic function's instances share one name (their type arguments are not in
it): "instances" counts them.
"""

import argparse
import collections
import re
import sys


def leb(data, i):
    """An unsigned LEB128 number at i, and the index after it."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(data):
    """(id, start, size) of each section."""
    i = 8
    while i < len(data):
        kind = data[i]
        size, i = leb(data, i + 1)
        yield kind, i, size
        i += size


def imported_functions(data, start):
    """How many functions the import section brings in (they come first in the index space)."""
    count, i = leb(data, start)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, i = leb(data, i)
            i += n
        kind = data[i]
        i += 1
        if kind == 0:  # function: type index
            _, i = leb(data, i)
            functions += 1
        elif kind in (1, 2):  # table (reftype + limits) or memory (limits)
            i += kind == 1
            flags, i = leb(data, i)
            _, i = leb(data, i)
            if flags & 1:
                _, i = leb(data, i)
        elif kind == 3:  # global: type and mutability
            i += 2
        else:  # tag
            i += 1
            _, i = leb(data, i)
    return functions


def functions(data):
    """{index: (size in bytes, name)} for every function body."""
    sizes, names, first = {}, {}, 0
    for kind, start, size in sections(data):
        if kind == 2:
            first = imported_functions(data, start)
        elif kind == 10:
            count, i = leb(data, start)
            for k in range(count):
                body, j = leb(data, i)
                sizes[first + k] = body + (j - i)
                i = j + body
        elif kind == 0:
            n, i = leb(data, start)
            if data[i:i + n] != b"name":
                continue
            i, end = i + n, start + size
            while i < end:
                sub = data[i]
                length, i = leb(data, i + 1)
                if sub == 1:  # function names
                    count, j = leb(data, i)
                    for _ in range(count):
                        index, j = leb(data, j)
                        n, j = leb(data, j)
                        names[index] = data[j:j + n].decode("utf-8", "replace")
                        j += n
                i += length
    return {i: (s, names.get(i, "?")) for i, s in sizes.items()}


def crate(name):
    """The crate a mangled name belongs to (for `<T as Trait>::f`, the crate of T)."""
    m = re.match(r"_ZN(\d+)", name)
    if not m:
        return "(wasm-bindgen describe)" if name.startswith("__wbindgen_describe") else "(other)"
    rest = name[m.end():]
    first = rest[: int(m.group(1))]
    if first.startswith("_$LT$"):
        inner = re.match(r"_\$LT\$(?:\$RF\$)?(?:mut\$u20\$)?([a-z_0-9]+)\.\.", first)
        return inner.group(1) if inner else "(impl)"
    return first


def readable(name):
    """A legacy-mangled name as Rust path (`_ZN3foo3bar17h…E` → `foo::bar`), cut to fit a line."""
    if not name.startswith("_ZN"):
        return name[:110]
    parts, i = [], 3
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        parts.append(name[j:j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(parts)
    for code, char in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","),
                       ("$u7b$", "{"), ("$u7d$", "}"), ("$BP$", "*"), ("$u27$", "'"), ("..", "::")):
        text = text.replace(code, char)
    return re.sub(r"^_<", "<", text)[:110]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wasm", nargs="?", default="target/wasm32-unknown-unknown/web/flowsim.wasm")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    try:
        data = open(args.wasm, "rb").read()
    except OSError as e:
        sys.exit(f"{e}; build the app first (scripts/serve.sh or trunk build --release)")
    funcs = functions(data)
    code = sum(s for s, _ in funcs.values())
    data_bytes = sum(size for kind, _, size in sections(data) if kind == 11)
    print(f"{args.wasm}: {len(data):,} bytes; code {code:,} in {len(funcs):,} functions, data {data_bytes:,}")

    by_crate, count = collections.Counter(), collections.Counter()
    for size, name in funcs.values():
        by_crate[crate(name)] += size
        count[crate(name)] += 1
    print(f"\ncode by crate (top {args.top}):")
    for c, size in by_crate.most_common(args.top):
        print(f"  {size:>9,} {100 * size / code:5.1f} %  {count[c]:>5} functions  {c}")

    deserialize = sum(s for s, n in funcs.values()
                      if re.search(r"Deserializ|Visitor|serde_path_to_error|MapAccess|SeqAccess", n))
    print(f"\nreading JSON (Deserialize, visitors, serde_path_to_error): {deserialize:,} "
          f"({100 * deserialize / code:.1f} % of code)")

    print(f"\nlargest functions (top {args.top}):")
    for size, name in sorted(funcs.values(), reverse=True)[: args.top]:
        print(f"  {size:>9,}  {readable(name)}")

    groups = collections.defaultdict(list)
    for size, name in funcs.values():
        groups[re.sub(r"17h[0-9a-f]{16}E$", "", name)].append(size)
    repeated = sorted(((sum(v), len(v), k) for k, v in groups.items() if len(v) > 1), reverse=True)
    print(f"\ngeneric functions by the code of all their instances (top {args.top}):")
    for total, n, name in repeated[: args.top]:
        print(f"  {total:>9,} {n:>4} instances  {readable(name)}")


if __name__ == "__main__":
    main()
