#!/usr/bin/python3
"""Third-party client for FastKube's MessagePack form, written only from docs/watch-protocol.md and
docs/msgpack-schema.md, using Debian's python3-msgpack. The C# interop tests run it:

  decode-frame SCHEMA TYPE FRAME EVENT JSON  decode the watch frame in file FRAME, check its event type, rename
                                             the object's integer keys to JSON names and compare with JSON
                                             (the object's Kubernetes JSON); prints OK or the first difference
  encode-frame SCHEMA TYPE JSON EVENT OUT    encode the Kubernetes JSON object in file JSON with integer keys
                                             and write it to OUT as one watch frame
"""
import base64
import datetime
import json
import re
import struct
import sys

import msgpack

LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def load_schema(path):
    """type name -> {key: (json name, wire type)}"""
    schema, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                current = schema.setdefault(line[3:].strip(), {})
            elif current is not None and re.match(r"^\| \d+ \|", line):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                current[int(cells[0])] = (cells[1].strip("`"), LINK.sub(r"\1", cells[2]))
    return schema


def to_json(schema, value, wire):
    if value is None:
        return None
    if wire.startswith("array of "):
        return [to_json(schema, v, wire[len("array of "):]) for v in value]
    if wire.startswith("map of str to "):
        return {k: to_json(schema, v, wire[len("map of str to "):]) for k, v in value.items()}
    if wire.startswith("map: "):
        fields = schema[wire[len("map: "):]]
        out = {}
        for key, v in value.items():
            if key not in fields or v is None:
                continue  # unknown keys are skipped; nil is absent
            name, field_wire = fields[key]
            out[name] = to_json(schema, v, field_wire)
        return out
    if wire.startswith("timestamp"):
        utc = value.astimezone(datetime.timezone.utc)
        if utc.microsecond:
            return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    if wire == "bin":
        return base64.b64encode(value).decode("ascii")
    return value


def from_json(schema, value, wire):
    if wire.startswith("array of "):
        return [from_json(schema, v, wire[len("array of "):]) for v in value]
    if wire.startswith("map of str to "):
        return {k: from_json(schema, v, wire[len("map of str to "):]) for k, v in value.items()}
    if wire.startswith("map: "):
        by_name = {name: (key, w) for key, (name, w) in schema[wire[len("map: "):]].items()}
        out = {}
        for name, v in value.items():
            key, field_wire = by_name[name]
            out[key] = from_json(schema, v, field_wire)
        return out
    if wire.startswith("timestamp"):
        instant = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return msgpack.Timestamp.from_datetime(instant)
    if wire == "bin":
        return base64.b64decode(value)
    if wire == "float64":
        return float(value)
    return value


def first_difference(expected, actual, path="$"):
    if type(expected) is not type(actual):
        return "%s: expected %r, got %r" % (path, expected, actual)
    if isinstance(expected, dict):
        for k in sorted(set(expected) | set(actual)):
            if k not in actual or k not in expected:
                return "%s.%s: only in %s" % (path, k, "expected" if k in expected else "actual")
            d = first_difference(expected[k], actual[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return "%s: %d elements, expected %d" % (path, len(actual), len(expected))
        for i, (e, a) in enumerate(zip(expected, actual)):
            d = first_difference(e, a, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if expected == actual else "%s: expected %r, got %r" % (path, expected, actual)


def decode_frame(schema_path, type_name, frame_path, event, json_path):
    schema = load_schema(schema_path)
    with open(frame_path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack(">I", data[:4])
    if length != len(data) - 4:
        return "frame length %d but %d payload bytes" % (length, len(data) - 4)
    payload = msgpack.unpackb(data[4:], strict_map_key=False, timestamp=3, raw=False)
    if payload.get(1) != event:
        return "event type %r, expected %r" % (payload.get(1), event)
    actual = to_json(schema, payload[2], "map: " + type_name)
    with open(json_path, encoding="utf-8") as f:
        expected = json.load(f)
    return first_difference(expected, actual)


def encode_frame(schema_path, type_name, json_path, event, out_path):
    schema = load_schema(schema_path)
    with open(json_path, encoding="utf-8") as f:
        obj = from_json(schema, json.load(f), "map: " + type_name)
    payload = msgpack.packb({1: event, 2: obj}, use_bin_type=True)
    with open(out_path, "wb") as f:
        f.write(struct.pack(">I", len(payload)) + payload)


def main(argv):
    if len(argv) == 7 and argv[1] == "decode-frame":
        problem = decode_frame(*argv[2:])
        print(problem or "OK")
        return 1 if problem else 0
    if len(argv) == 7 and argv[1] == "encode-frame":
        encode_frame(*argv[2:])
        print("OK")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
