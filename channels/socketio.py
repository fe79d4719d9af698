"""socket.io channel for the web widget, fixing two Rasa 3.6.21 bugs.

- With python-socketio >= 5.10 `enter_room` is a coroutine that stock Rasa
  does not await, so with session persistence no reply ever reaches the
  browser (RasaHQ/rasa#13027).
- Stock Rasa sends custom payloads as `emit(event, **payload)`, which fails
  for any payload without a `data` key (our `{"assessment": ...}`).
"""
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint


class SocketIOChannelOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)


class SocketIOChannel(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[SocketIOChannelOutput]:
        return None if self.sio is None else SocketIOChannelOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                return
            if self.session_persistence:
                sender_id = data.get("session_id")
                if not isinstance(sender_id, str) or not sender_id:
                    return
            else:
                sender_id = sid
            text = data.get("message")
            metadata = data.get(self.metadata_key)
            await on_new_message(UserMessage(
                text if isinstance(text, str) else "", SocketIOChannelOutput(sio, self.bot_message_evt),
                sender_id, input_channel=self.name(), metadata=metadata if isinstance(metadata, dict) else {}))

        return blueprint
