"""HEAD answered as GET without the body, on every page and API route (uptime checkers use HEAD).

The request goes through the app as a GET, so routing, the role rules and the handlers are the
GET's own: status and headers (Content-Length included) are the same, only the body is dropped.
Once the response head is sent the app is told the client has gone, so a streaming route
(server-sent events) stops instead of producing a body nobody reads.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet"]


class HeadAsGet:
    """ASGI middleware: a HEAD request is served by the GET route, its body not sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        done = False

        async def head_receive() -> Message:
            if done:
                return {"type": "http.disconnect"}
            return await receive()

        async def head_send(message: Message) -> None:
            nonlocal done
            if done:
                return
            if message["type"] == "http.response.body":
                done = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, head_receive, head_send)
