"""The channels' health route (GET /webhooks/<channel>/): 503 until Rasa has loaded a model.

Rasa 3.6 keeps serving when the model cannot be loaded (a component class it cannot import: "Could not load
model"); without a model every message would get an empty answer. Probes and load balancers ask this route,
so such a server gets no traffic and Kubernetes restarts it.
"""

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse


def model_geladen(request: Request) -> bool:
    agent = getattr(request.app.ctx, "agent", None)
    return agent is not None and agent.is_ready()  # is_ready: a processor, i.e. a loaded model


async def health(request: Request) -> HTTPResponse:
    if not model_geladen(request):
        return response.json({"status": "geen model geladen"}, status=503)
    return response.json({"status": "ok"})
