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
