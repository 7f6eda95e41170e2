"""What every router takes from the app it serves: the hub, and the hub's shadow station files.

`create_app` puts both on `app.state`; an endpoint names them as parameters (`hub: HubDep`,
`shadows: ShadowsDep`), so one router serves any number of apps (a test restarts the hub
with a new engine, and gets a new app).
"""

# no `from __future__ import annotations`: FastAPI reads these aliases where endpoints use them

from typing import Annotated

from fastapi import Depends, Request

from sync.hub.reports import Shadows
from sync.hub.store import Hub


async def get_hub(request: Request) -> Hub:
    """The hub this app serves."""
    hub: Hub = request.app.state.hub
    return hub


async def get_shadows(request: Request) -> Shadows:
    """The shadow station files the county's pages and the trace page read."""
    shadows: Shadows = request.app.state.shadows
    return shadows


HubDep = Annotated[Hub, Depends(get_hub)]
ShadowsDep = Annotated[Shadows, Depends(get_shadows)]
