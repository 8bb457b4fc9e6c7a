"""Generate the OpenAPI 3.1 document of the CEN REST API from a FileDescriptorSet of the protos."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Importing these registers the google.api extensions, so they are parsed out of the options.
from google.api import annotations_pb2, field_behavior_pb2, http_pb2
from google.protobuf import descriptor_pb2

FDP = descriptor_pb2.FieldDescriptorProto
JSON = dict[str, Any]

# SourceCodeInfo path components (field numbers in descriptor.proto).
_FILE_MESSAGE, _FILE_ENUM, _FILE_SERVICE = 4, 5, 6
_MESSAGE_FIELD, _MESSAGE_NESTED, _MESSAGE_ENUM = 2, 3, 4
_ENUM_VALUE, _SERVICE_METHOD = 2, 2

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
PROBLEM_RESPONSES = {
    "400": ("BadRequest", "The request is malformed or invalid; `errors` lists the offending fields."),
    "401": ("Unauthenticated", "No valid bearer token."),
    "403": ("PermissionDenied", "The caller's tier or roles do not allow this."),
    "404": ("NotFound", "The resource does not exist or is not visible to the caller."),
    "409": ("Conflict", "The request conflicts with the current state of the resource."),
    "413": ("PayloadTooLarge", "The request body exceeds the size limit."),
    "429": ("TooManyRequests", "Rate limit exceeded; retry later."),
    "500": ("InternalError", "Unexpected error; quote `request_id` when reporting it."),
    "503": ("ServiceUnavailable", "A backing service is unavailable; retry later."),
}

# Statuses only an operation with a request body (a change) can produce.
BODY_ONLY_STATUSES = frozenset({"409", "413"})

# Proto3 JSON mapping of scalar types (https://protobuf.dev/programming-guides/json/).
SCALARS: dict[int, JSON] = {
    FDP.TYPE_DOUBLE: {"type": "number", "format": "double"},
    FDP.TYPE_FLOAT: {"type": "number", "format": "float"},
    FDP.TYPE_INT32: {"type": "integer", "format": "int32"},
    FDP.TYPE_SINT32: {"type": "integer", "format": "int32"},
    FDP.TYPE_SFIXED32: {"type": "integer", "format": "int32"},
    FDP.TYPE_UINT32: {"type": "integer", "format": "int64", "minimum": 0, "maximum": 4294967295},
    FDP.TYPE_FIXED32: {"type": "integer", "format": "int64", "minimum": 0, "maximum": 4294967295},
    # 64-bit integers are JSON strings, so JavaScript clients do not lose precision.
    FDP.TYPE_INT64: {"type": "string", "format": "int64"},
    FDP.TYPE_SINT64: {"type": "string", "format": "int64"},
    FDP.TYPE_SFIXED64: {"type": "string", "format": "int64"},
    FDP.TYPE_UINT64: {"type": "string", "format": "uint64"},
    FDP.TYPE_FIXED64: {"type": "string", "format": "uint64"},
    FDP.TYPE_BOOL: {"type": "boolean"},
    FDP.TYPE_STRING: {"type": "string"},
    FDP.TYPE_BYTES: {"type": "string", "contentEncoding": "base64"},
}

# Well-known types have their own JSON forms; they are inlined rather than given a component schema.
WELL_KNOWN: dict[str, JSON] = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?s$"},
    "google.protobuf.FieldMask": {"type": "string"},
    "google.protobuf.Empty": {"type": "object"},
    "google.protobuf.Struct": {"type": "object", "additionalProperties": True},
    "google.protobuf.Value": {},
    "google.protobuf.ListValue": {"type": "array", "items": {}},
    "google.protobuf.Any": {
        "type": "object",
        "properties": {"@type": {"type": "string"}},
        "required": ["@type"],
        "additionalProperties": True,
    },
    "google.protobuf.DoubleValue": {"type": ["number", "null"], "format": "double"},
    "google.protobuf.FloatValue": {"type": ["number", "null"], "format": "float"},
    "google.protobuf.Int32Value": {"type": ["integer", "null"], "format": "int32"},
    "google.protobuf.UInt32Value": {"type": ["integer", "null"], "minimum": 0},
    "google.protobuf.Int64Value": {"type": ["string", "null"], "format": "int64"},
    "google.protobuf.UInt64Value": {"type": ["string", "null"], "format": "uint64"},
    "google.protobuf.BoolValue": {"type": ["boolean", "null"]},
    "google.protobuf.StringValue": {"type": ["string", "null"]},
    "google.protobuf.BytesValue": {"type": ["string", "null"], "contentEncoding": "base64"},
}

PROBLEM_SCHEMA: JSON = {
    "type": "object",
    "description": "RFC 9457 problem details, returned as application/problem+json for every error.",
    "properties": {
        "type": {
            "type": "string",
            "format": "uri-reference",
            "description": "URI identifying the problem type.",
        },
        "title": {"type": "string", "description": "Short summary of the problem type."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "Explanation of this occurrence."},
        "instance": {
            "type": "string",
            "format": "uri-reference",
            "description": "The request path this problem occurred on.",
        },
        "request_id": {"type": "string", "description": "Request id, also found in the server logs."},
        "errors": {
            "type": "array",
            "description": "Field violations of an invalid request.",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "description": "Path of the field, e.g. `email`."},
                    "message": {"type": "string", "description": "What is wrong with it."},
                },
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status"],
}


class GenerationError(Exception):
    """The descriptors cannot be turned into a consistent OpenAPI document."""


@dataclass
class MessageInfo:
    """A message with its comments, addressed by full name."""

    proto: descriptor_pb2.DescriptorProto
    comment: str
    field_comments: dict[str, str] = field(default_factory=dict)


@dataclass
class EnumInfo:
    """An enum with its comments, addressed by full name."""

    proto: descriptor_pb2.EnumDescriptorProto
    comment: str
    value_comments: dict[str, str] = field(default_factory=dict)


@dataclass
class Registry:
    """Every message and enum of the descriptor set, plus our (selected) files."""

    messages: dict[str, MessageInfo] = field(default_factory=dict)
    enums: dict[str, EnumInfo] = field(default_factory=dict)
    own_messages: list[str] = field(default_factory=list)
    own_enums: list[str] = field(default_factory=list)


def clean_comment(text: str) -> str:
    """Proto comment text without the leading space of each line and surrounding blank lines."""
    lines = [line[1:] if line.startswith(" ") else line for line in text.splitlines()]
    return "\n".join(line.rstrip() for line in lines).strip()


def comments_of(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    """Leading (or else trailing) comment of every commented element, by source path."""
    result: dict[tuple[int, ...], str] = {}
    for location in file.source_code_info.location:
        text = location.leading_comments or location.trailing_comments
        if text.strip():
            result[tuple(location.path)] = clean_comment(text)
    return result


def _add_enum(
    registry: Registry,
    enum: descriptor_pb2.EnumDescriptorProto,
    full_name: str,
    path: tuple[int, ...],
    comments: dict[tuple[int, ...], str],
    own: bool,
) -> None:
    info = EnumInfo(enum, comments.get(path, ""))
    for index, value in enumerate(enum.value):
        text = comments.get((*path, _ENUM_VALUE, index))
        if text:
            info.value_comments[value.name] = text
    registry.enums[full_name] = info
    if own:
        registry.own_enums.append(full_name)


def _add_message(
    registry: Registry,
    message: descriptor_pb2.DescriptorProto,
    full_name: str,
    path: tuple[int, ...],
    comments: dict[tuple[int, ...], str],
    own: bool,
) -> None:
    info = MessageInfo(message, comments.get(path, ""))
    for index, fld in enumerate(message.field):
        text = comments.get((*path, _MESSAGE_FIELD, index))
        if text:
            info.field_comments[fld.name] = text
    registry.messages[full_name] = info
    if own and not message.options.map_entry:
        registry.own_messages.append(full_name)
    for index, nested in enumerate(message.nested_type):
        _add_message(
            registry, nested, f"{full_name}.{nested.name}", (*path, _MESSAGE_NESTED, index), comments, own
        )
    for index, enum in enumerate(message.enum_type):
        _add_enum(registry, enum, f"{full_name}.{enum.name}", (*path, _MESSAGE_ENUM, index), comments, own)


def build_registry(files: list[descriptor_pb2.FileDescriptorProto], prefix: str) -> Registry:
    """Index every message and enum; those in packages starting with `prefix` are ours."""
    registry = Registry()
    for file in files:
        comments = comments_of(file)
        own = is_own(file, prefix)
        for index, message in enumerate(file.message_type):
            full = f"{file.package}.{message.name}" if file.package else message.name
            _add_message(registry, message, full, (_FILE_MESSAGE, index), comments, own)
        for index, enum in enumerate(file.enum_type):
            full = f"{file.package}.{enum.name}" if file.package else enum.name
            _add_enum(registry, enum, full, (_FILE_ENUM, index), comments, own)
    return registry


def is_own(file: descriptor_pb2.FileDescriptorProto, prefix: str) -> bool:
    """Whether the file belongs to the API being documented."""
    package = str(file.package)
    return package == prefix.rstrip(".") or package.startswith(prefix)


def ref(full_name: str) -> JSON:
    """A reference to the component schema of a message or enum."""
    return {"$ref": f"#/components/schemas/{full_name}"}


def with_description(schema: JSON, description: str) -> JSON:
    """The schema with a description added when there is one."""
    return {**schema, "description": description} if description else schema


class SchemaBuilder:
    """Turns messages and enums into JSON Schemas (proto3 JSON mapping, proto field names)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.used: set[str] = set()

    def message_type(self, type_name: str) -> str:
        name = type_name.lstrip(".")
        if name not in self.registry.messages and name not in self.registry.enums:
            raise GenerationError(f"type {name} is not in the descriptor set (missing --include_imports?)")
        return name

    def field_schema(self, fld: descriptor_pb2.FieldDescriptorProto) -> JSON:
        """Schema of one field's JSON value, including repeated and map fields."""
        if fld.type == FDP.TYPE_MESSAGE:
            entry = self.registry.messages[self.message_type(fld.type_name)].proto
            if entry.options.map_entry:
                value = next(f for f in entry.field if f.name == "value")
                return {"type": "object", "additionalProperties": self.single_schema(value)}
        single = self.single_schema(fld)
        if fld.label == FDP.LABEL_REPEATED:
            return {"type": "array", "items": single}
        return single

    def single_schema(self, fld: descriptor_pb2.FieldDescriptorProto) -> JSON:
        """Schema of one value of a field (ignoring repetition)."""
        if fld.type in (FDP.TYPE_MESSAGE, FDP.TYPE_GROUP):
            name = self.message_type(fld.type_name)
            if name in WELL_KNOWN:
                return dict(WELL_KNOWN[name])
            self.used.add(name)
            return ref(name)
        if fld.type == FDP.TYPE_ENUM:
            name = self.message_type(fld.type_name)
            self.used.add(name)
            return ref(name)
        return dict(SCALARS[fld.type])

    def message_schema(self, full_name: str, exclude: frozenset[str] = frozenset()) -> JSON:
        """Object schema of a message; `exclude` drops fields (those bound to the URL path)."""
        info = self.registry.messages[full_name]
        properties: JSON = {}
        required: list[str] = []
        for fld in info.proto.field:
            if fld.name in exclude:
                continue
            behaviors = list(fld.options.Extensions[field_behavior_pb2.field_behavior])
            schema = with_description(self.field_schema(fld), info.field_comments.get(fld.name, ""))
            if field_behavior_pb2.OUTPUT_ONLY in behaviors:
                schema["readOnly"] = True
            properties[fld.name] = schema
            if field_behavior_pb2.REQUIRED in behaviors:
                required.append(fld.name)
        schema = with_description({"type": "object", "properties": properties}, info.comment)
        if required:
            schema["required"] = required
        return schema

    def enum_schema(self, full_name: str) -> JSON:
        """String schema listing the value names; value comments go into the description."""
        info = self.registry.enums[full_name]
        names = [value.name for value in info.proto.value]
        lines = [info.comment] if info.comment else []
        documented = [
            f"- `{name}`: {info.value_comments[name]}" for name in names if name in info.value_comments
        ]
        if documented:
            lines.append("\n".join(documented))
        return with_description({"type": "string", "enum": names}, "\n\n".join(lines))

    def components(self) -> JSON:
        """Schemas of our messages and enums plus everything they reference, transitively."""
        schemas: JSON = {}
        pending = [*self.registry.own_messages, *self.registry.own_enums, *sorted(self.used)]
        while pending:
            name = pending.pop()
            if name in schemas:
                continue
            before = set(self.used)
            if name in self.registry.enums:
                schemas[name] = self.enum_schema(name)
            else:
                schemas[name] = self.message_schema(name)
            pending.extend(self.used - before - schemas.keys())
        schemas["Problem"] = PROBLEM_SCHEMA
        return schemas


def path_fields(template: str) -> tuple[str, list[str]]:
    """OpenAPI path and the field paths bound in it: `/v1/{name=things/*}` → `/v1/{name}`, [name]."""
    bound: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        bound.append(name)
        return "{" + name + "}"

    path = re.sub(r"\{([A-Za-z_][A-Za-z0-9_.]*)(?:=[^}]*)?\}", replace, template)
    return path, bound


class OperationBuilder:
    """Turns one RPC and one of its HTTP bindings into an OpenAPI operation."""

    def __init__(self, schemas: SchemaBuilder) -> None:
        self.schemas = schemas
        self.registry = schemas.registry

    def resolve_field(self, message: str, dotted: str) -> descriptor_pb2.FieldDescriptorProto:
        """The field a dotted path (`page.page_size`) names, starting from a message."""
        fld: descriptor_pb2.FieldDescriptorProto | None = None
        current = message
        for part in dotted.split("."):
            if fld is not None:
                current = self.schemas.message_type(fld.type_name)
            matches = [f for f in self.registry.messages[current].proto.field if f.name == part]
            if not matches:
                raise GenerationError(f"{message} has no field {dotted}")
            fld = matches[0]
        assert fld is not None
        return fld

    def field_description(self, message: str, dotted: str) -> str:
        owner = message
        parts = dotted.split(".")
        for part in parts[:-1]:
            owner = self.schemas.message_type(self.resolve_field(owner, part).type_name)
        return self.registry.messages[owner].field_comments.get(parts[-1], "")

    def query_parameters(
        self, message: str, exclude: set[str], prefix: str = "", depth: int = 0
    ) -> list[JSON]:
        """Every field not in the path or body as a query parameter; message fields are flattened."""
        params: list[JSON] = []
        info = self.registry.messages[message]
        for fld in info.proto.field:
            name = prefix + fld.name
            if name in exclude:
                continue
            is_message = fld.type == FDP.TYPE_MESSAGE
            type_name = fld.type_name.lstrip(".")
            if is_message and type_name not in WELL_KNOWN and fld.label != FDP.LABEL_REPEATED:
                entry = self.registry.messages[type_name].proto
                if entry.options.map_entry or depth >= 4:
                    continue  # maps and deep nesting have no query-string form
                params.extend(self.query_parameters(type_name, exclude, f"{name}.", depth + 1))
                continue
            behaviors = list(fld.options.Extensions[field_behavior_pb2.field_behavior])
            param: JSON = {
                "name": name,
                "in": "query",
                "schema": self.schemas.field_schema(fld),
            }
            if fld.label == FDP.LABEL_REPEATED:
                param["explode"] = True
                param["style"] = "form"
            if field_behavior_pb2.REQUIRED in behaviors:
                param["required"] = True
            description = info.field_comments.get(fld.name, "")
            if description:
                param["description"] = description
            params.append(param)
        return params

    def operation(
        self,
        service: str,
        method: descriptor_pb2.MethodDescriptorProto,
        comment: str,
        rule: http_pb2.HttpRule,
        operation_id: str,
    ) -> tuple[str, str, JSON]:
        verb = rule.WhichOneof("pattern")
        if verb == "custom":
            verb, template = rule.custom.kind.lower(), rule.custom.path
        elif verb in HTTP_METHODS:
            template = getattr(rule, verb)
        else:
            raise GenerationError(f"{service}.{method.name}: http rule without a pattern")
        request = self.schemas.message_type(method.input_type)
        response = self.schemas.message_type(method.output_type)
        path, bound = path_fields(template)

        parameters: list[JSON] = []
        for name in bound:
            schema = self.schemas.field_schema(self.resolve_field(request, name))
            param: JSON = {"name": name, "in": "path", "required": True, "schema": schema}
            description = self.field_description(request, name)
            if description:
                param["description"] = description
            parameters.append(param)

        op: JSON = {"operationId": operation_id, "tags": [service.rsplit(".", 1)[-1]]}
        if comment:
            op["summary"] = comment.split("\n", 1)[0]
            op["description"] = comment
        if rule.body == "*":
            body = self.schemas.message_schema(request, exclude=frozenset(bound))
            body["additionalProperties"] = False
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
        elif rule.body:
            body_field = self.resolve_field(request, rule.body)
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": self.schemas.field_schema(body_field)}},
            }
            parameters.extend(self.query_parameters(request, {*bound, rule.body}))
        else:
            parameters.extend(self.query_parameters(request, set(bound)))
        if parameters:
            op["parameters"] = parameters

        if rule.response_body:
            result = self.schemas.field_schema(self.resolve_field(response, rule.response_body))
        elif response in WELL_KNOWN:
            result = dict(WELL_KNOWN[response])
        else:
            self.schemas.used.add(response)
            result = ref(response)
        responses: JSON = {"200": {"description": "OK", "content": {"application/json": {"schema": result}}}}
        for status, (name, _) in PROBLEM_RESPONSES.items():
            if status in BODY_ONLY_STATUSES and "requestBody" not in op:
                continue
            if status == "404" and not bound:
                continue
            responses[status] = {"$ref": f"#/components/responses/{name}"}
        op["responses"] = responses
        return path, verb, op


def http_rules(method: descriptor_pb2.MethodDescriptorProto) -> Iterator[http_pb2.HttpRule]:
    """The method's primary HTTP binding and its additional bindings."""
    if not method.options.HasExtension(annotations_pb2.http):
        return
    rule = method.options.Extensions[annotations_pb2.http]
    yield rule
    yield from rule.additional_bindings


def generate(files: list[descriptor_pb2.FileDescriptorProto], prefix: str, title: str, version: str) -> JSON:
    """The OpenAPI document for every annotated RPC of the services in packages starting with `prefix`."""
    registry = build_registry(files, prefix)
    schemas = SchemaBuilder(registry)
    operations = OperationBuilder(schemas)
    paths: JSON = {}
    tags: list[JSON] = []
    for file in files:
        if not is_own(file, prefix):
            continue
        comments = comments_of(file)
        for s_index, service in enumerate(file.service):
            full_service = f"{file.package}.{service.name}"
            tag: JSON = {"name": service.name}
            if comments.get((_FILE_SERVICE, s_index)):
                tag["description"] = comments[(_FILE_SERVICE, s_index)]
            tags.append(tag)
            for m_index, method in enumerate(service.method):
                comment = comments.get((_FILE_SERVICE, s_index, _SERVICE_METHOD, m_index), "")
                for b_index, rule in enumerate(http_rules(method)):
                    operation_id = f"{service.name}_{method.name}" + (f"_{b_index}" if b_index else "")
                    path, verb, op = operations.operation(full_service, method, comment, rule, operation_id)
                    if verb in paths.setdefault(path, {}):
                        raise GenerationError(f"two RPCs bind {verb.upper()} {path}")
                    paths[path][verb] = op
    responses = {
        name: {
            "description": description,
            "content": {"application/problem+json": {"schema": ref("Problem")}},
        }
        for name, description in PROBLEM_RESPONSES.values()
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": (
                "REST API of the Customs Enforcement Network, generated from the gRPC protos' "
                "`google.api.http` annotations. JSON uses the proto field names; enums are sent as "
                "their names; 64-bit integers as strings; timestamps as RFC 3339 strings. Errors are "
                "RFC 9457 problem details."
            ),
        },
        "servers": [{"url": "/", "description": "The CEN gateway serving this document."}],
        "security": [{"bearerAuth": []}],
        "tags": sorted(tags, key=lambda t: t["name"]),
        "paths": paths,
        "components": {
            "schemas": schemas.components(),
            "responses": responses,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": (
                        "An access token from the CEN Keycloak realm (the issuer the deployment "
                        "configures in CEN_OIDC_ISSUER), audience `cen`. "
                        "Each service decides per RPC which tier and roles it needs; public RPCs "
                        "accept requests without a token."
                    ),
                }
            },
        },
    }


def render(document: JSON) -> str:
    """Stable text form: sorted keys, two-space indent, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("descriptor_set", type=Path, help="FileDescriptorSet with imports and source info")
    parser.add_argument("output", type=Path, help="where to write openapi.json")
    parser.add_argument("--package-prefix", default="cen.", help="document services in these packages")
    parser.add_argument("--title", default="CEN API")
    parser.add_argument("--version", default="v1")
    args = parser.parse_args(argv)
    files = list(descriptor_pb2.FileDescriptorSet.FromString(args.descriptor_set.read_bytes()).file)
    try:
        document = generate(files, args.package_prefix, args.title, args.version)
    except GenerationError as exc:
        print(f"error: gen_openapi: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(render(document), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
