"""REST to gRPC transcoding driven by the `google.api.http` annotations of the generated services."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import grpc
from cen.auth.v1 import auth_pb2
from cen.cpdb.v1 import cpdb_pb2
from cen.seizures.v1 import seizures_pb2
from cen_core.errors import FieldViolation, InvalidArgument
from google.api import annotations_pb2, http_pb2
from google.protobuf import json_format, message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor, FileDescriptor
from google.protobuf.message import Message
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import UnsupportedMediaType


@dataclass(frozen=True)
class ServedModule:
    """A CEN module whose REST routes the gateway serves: its name (CEN_<NAME>_ADDR) and generated file."""

    name: str
    file: FileDescriptor


# The services the gateway serves; a new module is one more line here.
SERVED_MODULES: tuple[ServedModule, ...] = (
    ServedModule("auth", auth_pb2.DESCRIPTOR),
    ServedModule("seizures", seizures_pb2.DESCRIPTOR),
    ServedModule("cpdb", cpdb_pb2.DESCRIPTOR),
)

HTTP_VERBS = ("get", "put", "post", "delete", "patch")
_VARIABLE = re.compile(r"\{([^}]*)\}")
_FIELD_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")
_INTEGER = re.compile(r"^-?[0-9]+$")
_INT_RANGES: dict[int, tuple[int, int]] = {
    FieldDescriptor.CPPTYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.CPPTYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.CPPTYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.CPPTYPE_UINT64: (0, 2**64 - 1),
}
MAX_JSON_DEPTH = 32
JSON_OPTIONS: dict[str, Any] = {
    # Proto field names and enum names, every field present: what the generated OpenAPI document describes.
    "preserving_proto_field_name": True,
    "always_print_fields_with_no_presence": True,
}


@dataclass(frozen=True)
class RestMethod:
    """One REST binding of one RPC."""

    module: str
    full_method: str  # "/cen.auth.v1.AuthService/WhoAmI"
    http_method: str  # "GET"
    template: str  # "/api/v1/access-requests/{id}"
    rule: str  # "/api/v1/access-requests/<p0>"
    path_fields: Mapping[str, str]  # Flask variable -> request field path
    body: str  # "", "*" or a top-level field name
    input_class: type[Message]
    output_class: type[Message]

    @property
    def endpoint(self) -> str:
        return f"rest:{self.http_method}:{self.full_method}"


def discover(modules: Iterable[ServedModule]) -> Iterator[RestMethod]:
    """Every annotated RPC of the modules' services; unsupported annotations fail at start, not at request."""
    for module in modules:
        for service in module.file.services_by_name.values():
            for method in service.methods:
                options = method.GetOptions()
                if not options.HasExtension(annotations_pb2.http):
                    continue
                rule = options.Extensions[annotations_pb2.http]
                for binding in (rule, *rule.additional_bindings):
                    yield _rest_method(module.name, service.full_name, method, binding)


def _rest_method(module: str, service: str, method: Any, binding: http_pb2.HttpRule) -> RestMethod:
    verb = binding.WhichOneof("pattern")
    if verb not in HTTP_VERBS:
        raise ValueError(f"{service}.{method.name}: unsupported HTTP pattern {verb!r}")
    template = str(getattr(binding, verb))
    input_desc: Descriptor = method.input_type
    path_fields: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        path = match.group(1)
        if not _FIELD_PATH.match(path):
            raise ValueError(f"{service}.{method.name}: unsupported path variable {{{path}}}")
        leaf = _resolve(input_desc, path)
        if leaf is None or leaf.message_type is not None or _is_repeated(leaf):
            raise ValueError(f"{service}.{method.name}: path variable {path} is not a scalar request field")
        name = f"p{len(path_fields)}"
        path_fields[name] = path
        return f"<{name}>"

    rule = _VARIABLE.sub(replace, template)
    body = binding.body
    if body not in ("", "*"):
        body_field = input_desc.fields_by_name.get(body)
        if body_field is None or body_field.message_type is None or _is_repeated(body_field):
            raise ValueError(f"{service}.{method.name}: body {body!r} must name a message field")
    return RestMethod(
        module=module,
        full_method=f"/{service}/{method.name}",
        http_method=verb.upper(),
        template=template,
        rule=rule,
        path_fields=path_fields,
        body=body,
        input_class=message_factory.GetMessageClass(input_desc),
        output_class=message_factory.GetMessageClass(method.output_type),
    )


def _resolve(desc: Descriptor, path: str) -> FieldDescriptor | None:
    current: FieldDescriptor | None = None
    for segment in path.split("."):
        if current is not None:
            if current.message_type is None or _is_repeated(current):
                return None
            desc = current.message_type
        current = desc.fields_by_name.get(segment)
        if current is None:
            return None
    return current


def _is_repeated(fd: FieldDescriptor) -> bool:
    return bool(fd.is_repeated)


def _is_map(fd: FieldDescriptor) -> bool:
    return bool(_is_repeated(fd) and fd.message_type is not None and fd.message_type.GetOptions().map_entry)


def _is_well_known(fd: FieldDescriptor) -> bool:
    return fd.message_type is not None and str(fd.message_type.full_name).startswith("google.protobuf.")


def _field(desc: Descriptor, key: str) -> FieldDescriptor | None:
    """A field by its proto name or its lowerCamel JSON name (proto3 JSON accepts both)."""
    found = desc.fields_by_name.get(key)
    if found is None:
        found = next((f for f in desc.fields if f.json_name == key), None)
    return found


# ---- request parsing ------------------------------------------------------------------------------------


def parse_json_body(raw: bytes, mimetype: str) -> dict[str, Any]:
    """The request body as a JSON object; an empty body is an empty object."""
    if not raw.strip():
        return {}
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        raise UnsupportedMediaType("the request body must be JSON (Content-Type: application/json)")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidArgument(
            [], f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except UnicodeDecodeError:
        raise InvalidArgument([], "malformed JSON: the body is not valid UTF-8") from None
    except RecursionError:
        raise InvalidArgument([], "malformed JSON: nested too deeply") from None
    if not isinstance(value, dict):
        raise InvalidArgument([], "the request body must be a JSON object")
    return value


def build_request(
    method: RestMethod, path_args: Mapping[str, str], query: MultiDict[str, str], body: dict[str, Any]
) -> Message:
    """The request message from the JSON body, the query string and the path (path wins), validated."""
    desc = method.input_class.DESCRIPTOR
    violations: list[FieldViolation] = []
    if method.body == "*":
        data = dict(body)
    elif method.body:
        data = {method.body: body}
    else:
        data = {}
    if method.body != "*":
        skip = {method.body, *method.path_fields.values()}
        _merge_query(data, desc, query, skip, violations)
    for name, path in method.path_fields.items():
        _set_path(data, desc, path, path_args[name])
    _check_message(data, desc, "", violations, 0)
    if violations:
        raise InvalidArgument(violations)
    message = method.input_class()
    try:
        json_format.ParseDict(data, message)
    except json_format.ParseError:
        # _check_message accepted it, so this is a value the checks do not model; say so without internals.
        raise InvalidArgument([], "the request could not be read as a valid request message") from None
    return message


def message_from_query(message_class: type[Message], query: MultiDict[str, str]) -> Message:
    """A request message from dotted query parameters alone (filter.headings=drugs&sort=…), validated."""
    desc = message_class.DESCRIPTOR
    data: dict[str, Any] = {}
    violations: list[FieldViolation] = []
    _merge_query(data, desc, query, set(), violations)
    _check_message(data, desc, "", violations, 0)
    if violations:
        raise InvalidArgument(violations)
    message = message_class()
    try:
        json_format.ParseDict(data, message)
    except json_format.ParseError:
        raise InvalidArgument([], "the request could not be read as a valid request message") from None
    return message


def message_from_json(message_class: type[Message], body: dict[str, Any]) -> Message:
    """A request message from a JSON object, with the same field checks as the REST routes."""
    violations: list[FieldViolation] = []
    _check_message(body, message_class.DESCRIPTOR, "", violations, 0)
    if violations:
        raise InvalidArgument(violations)
    message = message_class()
    try:
        json_format.ParseDict(body, message)
    except json_format.ParseError:
        raise InvalidArgument([], "the request could not be read as a valid request message") from None
    return message


def _merge_query(
    data: dict[str, Any],
    desc: Descriptor,
    query: MultiDict[str, str],
    skip: set[str],
    violations: list[FieldViolation],
) -> None:
    for key in query:
        values = query.getlist(key)
        target, current = data, desc
        segments = key.split(".")
        names: list[str] = []
        for index, segment in enumerate(segments):
            fd = _field(current, segment)
            if fd is None:
                violations.append(FieldViolation(key, "unknown query parameter"))
                break
            names.append(fd.name)
            last = index == len(segments) - 1
            nested = fd.message_type is not None and not _is_well_known(fd)
            if ".".join(names) in skip or (not last and (not nested or _is_repeated(fd))):
                violations.append(FieldViolation(key, "cannot be set from the query string"))
                break
            if not last:
                target = target.setdefault(fd.name, {})
                if not isinstance(target, dict):
                    violations.append(FieldViolation(key, "cannot be set from the query string"))
                    break
                current = fd.message_type
                continue
            if nested or _is_map(fd):
                violations.append(FieldViolation(key, "cannot be set from the query string"))
            elif _is_repeated(fd):
                target[fd.name] = [_from_text(fd, v) for v in values]
            elif len(values) > 1:
                violations.append(FieldViolation(key, "given more than once"))
            else:
                target[fd.name] = _from_text(fd, values[0])


def _set_path(data: dict[str, Any], desc: Descriptor, path: str, value: str) -> None:
    *parents, leaf = path.split(".")
    target = data
    for name in parents:
        child = target.get(name)
        if not isinstance(child, dict):
            child = target[name] = {}
        target = child
        desc = desc.fields_by_name[name].message_type
    target[leaf] = _from_text(desc.fields_by_name[leaf], value)


def _from_text(fd: FieldDescriptor, text: str) -> Any:
    """A query or path value as the JSON value its field takes (only booleans need converting)."""
    if fd.cpp_type == FieldDescriptor.CPPTYPE_BOOL:
        return {"true": True, "1": True, "false": False, "0": False}.get(text.lower(), text)
    return text


def _check_message(
    value: Any, desc: Descriptor, path: str, violations: list[FieldViolation], depth: int
) -> None:
    if depth > MAX_JSON_DEPTH:
        violations.append(FieldViolation(path, "nested too deeply"))
        return
    if not isinstance(value, dict):
        violations.append(FieldViolation(path, "must be an object"))
        return
    seen: dict[str, str] = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else str(key)
        fd = _field(desc, key)
        if fd is None:
            violations.append(FieldViolation(where, "unknown field"))
            continue
        where = f"{path}.{fd.name}" if path else fd.name
        if fd.name in seen:
            violations.append(FieldViolation(where, f"given twice (as {seen[fd.name]} and {key})"))
            continue
        seen[fd.name] = key
        if item is None:
            continue  # JSON null means the field's default
        if _is_map(fd):
            if not isinstance(item, dict):
                violations.append(FieldViolation(where, "must be an object"))
                continue
            value_fd = fd.message_type.fields_by_name["value"]
            for map_key, map_value in item.items():
                _check_value(map_value, value_fd, f"{where}[{map_key}]", violations, depth + 1)
        elif _is_repeated(fd):
            if not isinstance(item, list):
                violations.append(FieldViolation(where, "must be a list"))
                continue
            for index, element in enumerate(item):
                _check_value(element, fd, f"{where}[{index}]", violations, depth + 1)
        else:
            _check_value(item, fd, where, violations, depth + 1)


def _check_value(
    value: Any, fd: FieldDescriptor, path: str, violations: list[FieldViolation], depth: int
) -> None:
    problem = _value_problem(value, fd, path, violations, depth)
    if problem:
        violations.append(FieldViolation(path, problem))


def _value_problem(
    value: Any, fd: FieldDescriptor, path: str, violations: list[FieldViolation], depth: int
) -> str:
    if value is None:
        return "must not be null"
    if fd.message_type is not None:
        if _is_well_known(fd):
            try:
                json_format.ParseDict(value, message_factory.GetMessageClass(fd.message_type)())
            except (json_format.ParseError, TypeError, ValueError, AttributeError):
                return _WELL_KNOWN_HINTS.get(fd.message_type.full_name, "invalid value")
            return ""
        _check_message(value, fd.message_type, path, violations, depth)
        return ""
    cpp = fd.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_STRING:
        if not isinstance(value, str):
            return "must be a string"
        if fd.type == FieldDescriptor.TYPE_BYTES and not _is_base64(value):
            return "must be base64"
        return ""
    if cpp == FieldDescriptor.CPPTYPE_BOOL:
        return "" if isinstance(value, bool) else "must be true or false"
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        names = [v.name for v in fd.enum_type.values]
        if isinstance(value, str) and value in fd.enum_type.values_by_name:
            return ""
        number = _as_int(value)
        if number is not None and number in fd.enum_type.values_by_number:
            return ""
        return "must be one of " + ", ".join(names)
    if cpp in _INT_RANGES:
        number = _as_int(value)
        if number is None:
            return "must be an integer"
        low, high = _INT_RANGES[cpp]
        return "" if low <= number <= high else f"must be between {low} and {high}"
    # float and double: JSON numbers, or strings such as "1.5", "NaN", "Infinity"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return "must be a number"
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return "must be a number"
    return ""


_WELL_KNOWN_HINTS = {
    "google.protobuf.Timestamp": "must be an RFC 3339 date-time, e.g. 2024-05-01T12:00:00Z",
    "google.protobuf.Duration": "must be a duration in seconds, e.g. 1.5s",
    "google.protobuf.FieldMask": "must be a comma-separated list of field paths",
}


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.match(value):
        return int(value)
    return None


def _is_base64(text: str) -> bool:
    try:
        base64.b64decode(text.replace("-", "+").replace("_", "/") + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


# ---- calling ------------------------------------------------------------------------------------------


@dataclass
class Transcoder:
    """The REST methods of the served modules and a reusable gRPC callable for each, on long-lived channels."""

    channels: Mapping[str, grpc.Channel]
    timeout: float
    modules: Iterable[ServedModule] = SERVED_MODULES
    methods: list[RestMethod] = field(init=False)
    _callables: dict[str, Callable[..., Message]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.methods = list(discover(self.modules))
        for method in self.methods:
            if method.full_method not in self._callables:
                self._callables[method.full_method] = self.channels[method.module].unary_unary(
                    method.full_method,
                    request_serializer=method.input_class.SerializeToString,
                    response_deserializer=method.output_class.FromString,
                )

    def method(self, full_method: str) -> RestMethod:
        return next(m for m in self.methods if m.full_method == full_method)

    def call(self, method: RestMethod, request: Message, metadata: list[tuple[str, str]]) -> Message:
        """Call the RPC; raises grpc.RpcError as the service answered (or UNAVAILABLE/DEADLINE_EXCEEDED)."""
        return self._callables[method.full_method](request, timeout=self.timeout, metadata=metadata)


def to_json(message: Message) -> dict[str, Any]:
    return dict(json_format.MessageToDict(message, **JSON_OPTIONS))
