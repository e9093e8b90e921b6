"""OpenAPI additions: the bearer token scheme and the problem+json error answers."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}
MAX_ID = 2**31 - 1
ERROR_STATUSES = {
    "400": "Ongeldige aanvraag",
    "401": "Niet geauthenticeerd",
    "403": "Geen toestemming",
    "404": "Niet gevonden of geen toegang",
    "405": "Methode niet toegestaan",
    "406": "Niet aanvaardbaar",
    "409": "Stap geweigerd (fase of rol)",
    "413": "Aanvraag te groot",
    "415": "Niet-ondersteund mediatype",
    "429": "Te veel aanvragen",
}


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Persoonlijke API-token (aan te maken op /api/tokens/).",
        }


class IdentityProviderTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.OIDCAccessTokenAuthentication"
    name = "identityProviderToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": (
                "Access token van de inlogdienst van uw organisatie (OpenID Connect), "
                "uitgegeven voor de API van Schakel."
            ),
        }


def add_problem_responses(result, generator, request, public):
    """Postprocessing hook: every operation documents the problem+json error answers."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                # Object ids are positive and fit every database's integer column.
                if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"].update(minimum=1, maximum=MAX_ID)
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_STATUSES.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
    return result


# OpenAPI links (3.0 §4.7.20): which answer gives the id another operation needs. They
# tell a client how the API hangs together, and Schemathesis' stateful phase follows them
# (tests/api/test_schemathesis_stateful.py) to real, visible cases instead of random ids.
LINK_SOURCES = {
    # (path, method): (JSON pointer to an id in the 200 answer, paths that take it as {id})
    ("/api/v1/cases/", "get"): ("/results/0/id", "/api/v1/cases/{id}/"),
    ("/api/v1/cases/{id}/actions/", "get"): ("/0/id", "/api/v1/actions/{id}/"),
    ("/api/v1/notifications/", "get"): ("/results/0/id", "/api/v1/notifications/{id}/"),
}


def add_links(result, generator, request, public):
    """Postprocessing hook: links from each list to the operations on one of its items."""
    paths = result.get("paths", {})
    for (source_path, source_method), (pointer, prefix) in LINK_SOURCES.items():
        source = paths.get(source_path, {}).get(source_method)
        if source is None:
            continue
        links = {
            operation["operationId"]: {
                "operationId": operation["operationId"],
                "parameters": {"id": f"$response.body#{pointer}"},
            }
            for path, item in paths.items()
            if path.startswith(prefix)
            for operation in item.values()
        }
        source["responses"]["200"]["links"] = links
    return result


def require_bodies(result, generator, request, public):
    """Postprocessing hook: a body with required fields is itself required (OpenAPI's
    default is optional, so a client or fuzzer would think an empty POST is valid)."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            body = operation.get("requestBody")
            if body is None:
                continue
            schemas = [media.get("schema", {}) for media in body.get("content", {}).values()]
            if any(schema.get("required") for schema in schemas):
                body["required"] = True
    return result


def postprocess(result, generator, request, public):
    """The postprocessing hook of SPECTACULAR_SETTINGS: error answers, required bodies,
    links."""
    for hook in (add_problem_responses, require_bodies, add_links):
        result = hook(result, generator, request, public)
    return result
