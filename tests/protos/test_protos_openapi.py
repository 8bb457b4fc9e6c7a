"""The OpenAPI generator (protos/tools/gen_openapi.py) on the real auth proto and on edge cases."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cen.auth.v1 import auth_pb2
from cen.cpdb.v1 import cpdb_pb2
from cen.seizures.v1 import seizures_pb2
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

Compile = Callable[[Path, list[str]], list[descriptor_pb2.FileDescriptorProto]]

SCHEMA_REF = "#/components/schemas/"


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref to its component schema."""
    if "$ref" in schema:
        target: dict[str, Any] = document["components"]["schemas"][schema["$ref"].removeprefix(SCHEMA_REF)]
        return target
    return schema


def params(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in operation.get("parameters", [])}


def test_whoami_is_a_get_on_me_without_parameters(cen_document: dict[str, Any]) -> None:
    op = cen_document["paths"]["/api/v1/me"]["get"]
    assert op["operationId"] == "AuthService_WhoAmI"
    assert op["tags"] == ["AuthService"]
    assert "parameters" not in op
    assert "requestBody" not in op
    assert op["summary"] == "The verified caller, as the token says."
    ok = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": SCHEMA_REF + "cen.auth.v1.WhoAmIResponse"}


def test_access_request_form_posts_a_body_with_the_required_fields(cen_document: dict[str, Any]) -> None:
    op = cen_document["paths"]["/api/v1/access-requests"]["post"]
    assert op["operationId"] == "AuthService_SubmitAccessRequest"
    assert op["requestBody"]["required"] is True
    body = op["requestBody"]["content"]["application/json"]["schema"]
    expected = [
        "first_name",
        "last_name",
        "email",
        "administration",
        "country",
        "requested_tier",
        "justification",
    ]
    assert body["required"] == expected
    assert sorted(body["properties"]) == sorted(expected)
    assert body["additionalProperties"] is False
    assert body["properties"]["requested_tier"]["$ref"] == SCHEMA_REF + "cen.auth.v1.Tier"
    assert "413" in op["responses"]
    # The message's own component schema carries the same `required` list.
    assert (
        cen_document["components"]["schemas"]["cen.auth.v1.SubmitAccessRequestRequest"]["required"]
        == expected
    )


def test_decision_takes_the_id_from_the_path_and_the_rest_from_the_body(cen_document: dict[str, Any]) -> None:
    op = cen_document["paths"]["/api/v1/access-requests/{id}/decision"]["post"]
    assert op["operationId"] == "AuthService_DecideAccessRequest"
    assert params(op) == {"id": {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}}
    body = op["requestBody"]["content"]["application/json"]["schema"]
    assert sorted(body["properties"]) == ["decision", "granted_tier", "reason"]
    assert body["required"] == ["decision"]
    assert body["properties"]["reason"]["description"] == "Required when rejecting."
    assert "404" in op["responses"]


def test_list_rpcs_take_query_parameters_with_flattened_paging(cen_document: dict[str, Any]) -> None:
    op = cen_document["paths"]["/api/v1/access-requests"]["get"]
    assert "requestBody" not in op
    query = params(op)
    assert list(query) == ["status", "country", "page.page_size", "page.page_token"]
    assert all(p["in"] == "query" and "required" not in p for p in query.values())
    assert query["status"]["schema"] == {"$ref": SCHEMA_REF + "cen.auth.v1.AccessRequestStatus"}
    assert query["page.page_size"]["schema"] == {"type": "integer", "format": "int32"}
    assert query["page.page_size"]["description"].startswith("Maximum number of items")
    users = params(cen_document["paths"]["/api/v1/users"]["get"])
    assert list(users) == ["country", "search", "page.page_size", "page.page_token"]


def test_enums_are_their_string_names(cen_document: dict[str, Any]) -> None:
    tier = cen_document["components"]["schemas"]["cen.auth.v1.Tier"]
    assert tier["type"] == "string"
    assert tier["enum"] == ["TIER_UNSPECIFIED", "TIER_LIMITED", "TIER_READONLY", "TIER_UNLIMITED"]
    assert "`TIER_READONLY`: Read everything, no data entry." in tier["description"]


def test_messages_use_proto_names_timestamps_arrays_and_refs(cen_document: dict[str, Any]) -> None:
    schemas = cen_document["components"]["schemas"]
    request = schemas["cen.auth.v1.AccessRequest"]["properties"]
    assert request["created_at"] == {"type": "string", "format": "date-time"}
    assert request["decided_by"]["description"] == "Username of the NCP or wco-admin who decided."
    listing = schemas["cen.auth.v1.ListAccessRequestsResponse"]["properties"]
    assert listing["access_requests"] == {
        "type": "array",
        "items": {"$ref": SCHEMA_REF + "cen.auth.v1.AccessRequest"},
    }
    assert listing["page"] == {"$ref": SCHEMA_REF + "cen.common.v1.PageResponse"}
    assert "cen.common.v1.PageResponse" in schemas


def test_every_rpc_has_an_operation_and_every_ref_resolves(cen_document: dict[str, Any]) -> None:
    operation_ids = {op["operationId"] for ops in cen_document["paths"].values() for op in ops.values()}
    expected = set()
    for file in (auth_pb2.DESCRIPTOR, seizures_pb2.DESCRIPTOR, cpdb_pb2.DESCRIPTOR):
        for service in file.services_by_name.values():
            # Streaming RPCs (file upload and download) have no REST annotation; the gateway serves them by hand.
            expected |= {
                f"{service.name}_{m.name}"
                for m in service.methods
                if m.GetOptions().HasExtension(annotations_pb2.http)
            }
    assert operation_ids == expected
    assert "AuthService_WhoAmI" in expected and "SeizureService_SearchSeizures" in expected
    assert cen_document["tags"][0]["name"] == "AuthService"
    text = json.dumps(cen_document)
    for schema_name in {part.split('"', 1)[0] for part in text.split(SCHEMA_REF)[1:]}:
        assert schema_name in cen_document["components"]["schemas"], schema_name


def test_errors_are_problem_details_and_a_bearer_token_is_the_security(cen_document: dict[str, Any]) -> None:
    components = cen_document["components"]
    problem = components["schemas"]["Problem"]
    assert sorted(problem["properties"]) == [
        "detail",
        "errors",
        "instance",
        "request_id",
        "status",
        "title",
        "type",
    ]
    assert sorted(problem["properties"]["errors"]["items"]["properties"]) == ["field", "message"]
    op = cen_document["paths"]["/api/v1/access-requests/{id}"]["get"]
    for status in ("400", "401", "403", "404", "429", "500", "503"):
        name = op["responses"][status]["$ref"].removeprefix("#/components/responses/")
        content = components["responses"][name]["content"]
        assert content == {"application/problem+json": {"schema": {"$ref": SCHEMA_REF + "Problem"}}}
    assert components["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert cen_document["security"] == [{"bearerAuth": []}]
    assert cen_document["openapi"] == "3.1.0"


def test_rendering_is_stable(gen_openapi: ModuleType, cen_document: dict[str, Any]) -> None:
    text = gen_openapi.render(cen_document)
    assert text == gen_openapi.render(json.loads(text))
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert text.endswith("}\n")


EDGE_PROTO = """
syntax = "proto3";

package cen.demo.v1;

import "google/api/annotations.proto";
import "google/api/field_behavior.proto";
import "google/protobuf/timestamp.proto";

// Demo service.
service DemoService {
  // Replace one thing.
  rpc UpdateThing(UpdateThingRequest) returns (Thing) {
    option (google.api.http) = {
      put: "/api/v1/things/{thing.id}"
      body: "thing"
      additional_bindings {patch: "/api/v1/things/{thing.id}" body: "thing"}
    };
  }
  // Only the labels.
  rpc GetLabels(GetLabelsRequest) returns (Thing) {
    option (google.api.http) = {
      get: "/api/v1/{name=things/*}/labels"
      response_body: "labels"
    };
  }
  // Not exposed over REST.
  rpc Internal(GetLabelsRequest) returns (Thing);
}

message Thing {
  // Identifier.
  string id = 1 [(google.api.field_behavior) = OUTPUT_ONLY];
  int64 weight_grams = 2;
  uint64 serial = 3;
  bytes photo = 4;
  map<string, int32> labels = 5;
  repeated Part parts = 6;
  google.protobuf.Timestamp seen_at = 7;
  double ratio = 8;
  bool active = 9;
  // A nested message.
  message Part {
    string name = 1 [(google.api.field_behavior) = REQUIRED];
  }
}

message UpdateThingRequest {
  Thing thing = 1 [(google.api.field_behavior) = REQUIRED];
  repeated string fields = 2;
  bool validate_only = 3;
}

message GetLabelsRequest {
  string name = 1;
}
"""


@pytest.fixture(scope="module")
def edge_document(
    gen_openapi: ModuleType, compile_protos: Compile, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    root: Path = tmp_path_factory.mktemp("protos")
    (root / "cen" / "demo" / "v1").mkdir(parents=True)
    (root / "cen" / "demo" / "v1" / "demo.proto").write_text(EDGE_PROTO)
    return gen_openapi.generate(compile_protos(root, ["cen/demo/v1/demo.proto"]), "cen.", "Demo", "v1")


def test_scalar_mapping_follows_proto3_json(edge_document: dict[str, Any]) -> None:
    thing = edge_document["components"]["schemas"]["cen.demo.v1.Thing"]["properties"]
    assert thing["weight_grams"] == {"type": "string", "format": "int64"}
    assert thing["serial"] == {"type": "string", "format": "uint64"}
    assert thing["photo"] == {"type": "string", "contentEncoding": "base64"}
    assert thing["labels"] == {
        "type": "object",
        "additionalProperties": {"type": "integer", "format": "int32"},
    }
    assert thing["parts"] == {"type": "array", "items": {"$ref": SCHEMA_REF + "cen.demo.v1.Thing.Part"}}
    assert thing["seen_at"] == {"type": "string", "format": "date-time"}
    assert thing["ratio"] == {"type": "number", "format": "double"}
    assert thing["active"] == {"type": "boolean"}
    assert thing["id"] == {"type": "string", "description": "Identifier.", "readOnly": True}
    part = edge_document["components"]["schemas"]["cen.demo.v1.Thing.Part"]
    assert part["required"] == ["name"]
    assert "cen.demo.v1.Thing.LabelsEntry" not in edge_document["components"]["schemas"]


def test_body_field_binding_additional_bindings_and_response_body(edge_document: dict[str, Any]) -> None:
    path = edge_document["paths"]["/api/v1/things/{thing.id}"]
    put, patch = path["put"], path["patch"]
    assert put["operationId"] == "DemoService_UpdateThing"
    assert patch["operationId"] == "DemoService_UpdateThing_1"
    assert put["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": SCHEMA_REF + "cen.demo.v1.Thing"
    }
    query = params(put)
    assert query["thing.id"]["in"] == "path"
    assert query["fields"] == {
        "name": "fields",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "explode": True,
        "style": "form",
    }
    assert query["validate_only"]["schema"] == {"type": "boolean"}
    labels = edge_document["paths"]["/api/v1/{name}/labels"]["get"]
    assert params(labels)["name"]["in"] == "path"
    schema = labels["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["additionalProperties"] == {"type": "integer", "format": "int32"}
    operation_ids = {op["operationId"] for ops in edge_document["paths"].values() for op in ops.values()}
    assert "DemoService_Internal" not in operation_ids


def test_clashing_bindings_are_refused(
    gen_openapi: ModuleType, compile_protos: Compile, tmp_path: Path
) -> None:
    clash = EDGE_PROTO.replace(
        "rpc Internal(GetLabelsRequest) returns (Thing);",
        'rpc Internal(GetLabelsRequest) returns (Thing) {option (google.api.http) = {get: "/api/v1/{name}/labels"};}',
    )
    (tmp_path / "cen" / "demo" / "v1").mkdir(parents=True)
    (tmp_path / "cen" / "demo" / "v1" / "demo.proto").write_text(clash)
    files = compile_protos(tmp_path, ["cen/demo/v1/demo.proto"])
    with pytest.raises(
        gen_openapi.GenerationError, match=re.escape("two RPCs bind GET /api/v1/{name}/labels")
    ):
        gen_openapi.generate(files, "cen.", "Demo", "v1")
