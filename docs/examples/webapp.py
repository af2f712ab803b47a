"""A FastAPI application that serves the catalogue: the example of the web guide.

Run it with ``uvicorn webapp:app`` from this folder (``pip install fastapi uvicorn``);
``tests/test_web.py`` runs it with FastAPI's test client.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

import migrantres
from migrantres import QueryError, Resource, ResourceNotFoundError, lookups_from_params

CATALOGUE = migrantres.load()
#: Query parameters that are not filters.
NOT_FILTERS = {"limit", "offset", "q"}
#: Lists leave each record's provenance out: the slim form. One record has it all.
SLIM = {"resources": {"__all__": {"provenance"}}}

app = FastAPI(title="migrantres", version=CATALOGUE.version or "unknown")


class Page(BaseModel):
    """Some of the resources that pass the filters."""

    version: str | None = Field(description="The dataset's version.")
    count: int = Field(description="How many resources pass the filters.")
    resources: tuple[Resource, ...]


class Hit(BaseModel):
    """A search result and its BM25 score."""

    score: float
    resource: Resource


class Results(BaseModel):
    """The best search results, best first."""

    query: str
    count: int
    hits: tuple[Hit, ...]


@app.exception_handler(QueryError)
async def bad_query(_: Request, error: QueryError) -> JSONResponse:
    """A filter the catalogue cannot apply is the client's mistake: 400, and why."""
    return JSONResponse(status_code=400, content={"detail": str(error)})


Filter = Annotated[list[str] | None, Query()]


@app.get("/resources", response_model_exclude=SLIM)
def list_resources(  # noqa: PLR0913 - the filters, declared so that the OpenAPI schema shows them
    request: Request,
    *,
    type: Filter = None,  # noqa: A002 - the field's name
    organizations: Filter = None,
    languages: Filter = None,
    since: Annotated[str | None, Query(description="dated on or after, e.g. 2018")] = None,
    until: Annotated[str | None, Query(description="dated no later than, e.g. 2019")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page:
    """Resources that pass every filter: any lookup, such as ``launch_date__year__gte=2018``."""
    del type, organizations, languages, since, until  # read with the others below
    found = CATALOGUE.filter(**lookups_from_params(request.query_params, ignore=NOT_FILTERS))
    return Page(
        version=found.version,
        count=len(found),
        resources=found[offset : offset + limit].resources,
    )


@app.get("/resources.jsonl")
def download(request: Request) -> Response:
    """The resources that pass the filters, as JSON Lines without provenance."""
    found = CATALOGUE.filter(**lookups_from_params(request.query_params, ignore=NOT_FILTERS))
    return Response(found.to_jsonl(provenance=False), media_type="application/x-ndjson")


@app.get("/resources/{resource_id}")
def get_resource(resource_id: str) -> Resource:
    """One resource in full, with its provenance."""
    try:
        return CATALOGUE[resource_id]
    except ResourceNotFoundError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None


@app.get("/search", response_model_exclude={"hits": {"__all__": {"resource": {"provenance"}}}})
def search(
    request: Request,
    *,
    q: Annotated[str, Query(min_length=1, description='words, "a phrase", prefix*')],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Results:
    """The resources that best match ``q``, among those that pass the filters."""
    found = CATALOGUE.filter(**lookups_from_params(request.query_params, ignore=NOT_FILTERS))
    results = found.search(q, limit=limit)
    hits = tuple(Hit(score=score, resource=resource) for resource, score in results.hits())
    return Results(query=q, count=len(hits), hits=hits)
