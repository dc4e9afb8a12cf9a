"""One e-mail out over SMTP (smtplib), with every failure sorted into one of three kinds.

- `TemporaryFailure`: nothing was accepted (no connection, 4xx, login refused): try again later.
- `PermanentFailure`: the server refused for good (5xx on sender, recipient or content).
- `UnclearFailure`: the connection broke after the message text went out and before the
  server's answer: it may have arrived. Never retried automatically (at most once).

The codes these carry ("connection", "smtp_550", …) go to Message.last_error and the logs;
no address and no text ever does.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
import threading
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from mentoring.models import Message

_local = threading.local()


class DeliveryFailure(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class TemporaryFailure(DeliveryFailure):
    pass


class PermanentFailure(DeliveryFailure):
    pass


class UnclearFailure(DeliveryFailure):
    pass


def build_mime(message: Message, config) -> EmailMessage:
    """Plain text and HTML alternatives, attachments, the stored Message-ID."""
    mime = EmailMessage()
    mime["From"] = config["MAIL_DEFAULT_SENDER"]
    mime["To"] = message.to_address
    mime["Subject"] = message.subject or ""
    mime["Date"] = format_datetime(message.created_at)
    mime["Message-ID"] = message.message_id
    mime["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    mime.set_content(message.body_text or "")
    if message.body_html:
        mime.add_alternative(message.body_html, subtype="html")
    for item in message.attachments or []:
        maintype, _, subtype = item["content_type"].partition("/")
        subtype, _, params = subtype.partition(";")
        extra = dict(
            p.strip().split("=", 1) for p in params.split(";") if "=" in p
        )  # e.g. method=REQUEST for text/calendar
        mime.add_attachment(
            item["content"], subtype=subtype.strip(), filename=item["filename"], params=extra
        )
    mime["Content-Language"] = message.locale  # after set_content, which drops Content-* headers
    return mime


def envelope_sender(config) -> str:
    return parseaddr(config["MAIL_DEFAULT_SENDER"])[1] or formataddr(("", "mentoring@invalid"))


def send(mime: EmailMessage, recipient: str, config) -> None:
    """Hand the message to the configured server; raise one of the three failures."""
    try:
        connection = _connection(config)
    except smtplib.SMTPAuthenticationError as error:
        _drop_connection()
        raise TemporaryFailure(f"smtp_auth_{error.smtp_code}") from None
    except smtplib.SMTPResponseException as error:
        _drop_connection()
        raise TemporaryFailure(f"smtp_{error.smtp_code}") from None
    except (OSError, smtplib.SMTPException) as error:
        _drop_connection()
        raise TemporaryFailure(_connection_code(error)) from None
    try:
        _transaction(connection, mime, envelope_sender(config), recipient)
    except DeliveryFailure:
        raise
    except Exception:
        _drop_connection()
        raise


def _transaction(connection: smtplib.SMTP, mime, sender: str, recipient: str) -> None:
    """MAIL, RCPT, DATA step by step, so a break is known to be before or after the text."""
    try:
        code, _ = connection.mail(sender)
        if code != 250:
            _refused(connection, code)
        code, _ = connection.rcpt(recipient)
        if code not in (250, 251):
            _refused(connection, code)
    except (OSError, smtplib.SMTPServerDisconnected) as error:
        _drop_connection()
        raise TemporaryFailure(_connection_code(error)) from None
    text = mime.as_bytes(policy=mime.policy.clone(linesep="\r\n"))
    try:
        code, _ = connection.data(text)
    except smtplib.SMTPDataError as error:  # the server answered: it did not take the message
        _reset(connection)
        raise _by_code(error.smtp_code) from None
    except (OSError, smtplib.SMTPServerDisconnected):
        _drop_connection()
        raise UnclearFailure("unclear_data") from None
    if code != 250:
        _reset(connection)
        raise _by_code(code)


def _refused(connection, code: int):
    _reset(connection)
    raise _by_code(code)


def _by_code(code: int) -> DeliveryFailure:
    if 500 <= code < 600:
        return PermanentFailure(f"smtp_{code}")
    return TemporaryFailure(f"smtp_{code}")


def _connection_code(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, ssl.SSLError):
        return "tls"
    return "connection"


def _reset(connection) -> None:
    try:
        connection.rset()
    except (OSError, smtplib.SMTPException):
        _drop_connection()


@contextlib.contextmanager
def batch():
    """Keep one connection per thread open for the sends inside the block (sweep, benchmark)."""
    outer = getattr(_local, "batch", False)
    _local.batch = True
    try:
        yield
    finally:
        _local.batch = outer
        if not outer:
            close()


def keep_open() -> None:
    """This thread keeps its connection open for good (a worker thread; close() at its end)."""
    _local.batch = True


def finish() -> None:
    """After one send: close the connection unless a batch keeps it."""
    if not getattr(_local, "batch", False):
        close()


def _connection(config) -> smtplib.SMTP:
    """This thread's open connection to the server, checked with NOOP, or a new one."""
    key = (config["MAIL_SERVER"], config["MAIL_PORT"], config.get("MAIL_USERNAME"))
    cached = getattr(_local, "connection", None)
    if cached is not None and _local.key == key:
        try:
            if cached.noop()[0] == 250:
                return cached
        except (OSError, smtplib.SMTPException):
            pass
        _drop_connection()
    timeout = config.get("MAIL_TIMEOUT", 30)
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(
            config["MAIL_SERVER"],
            config["MAIL_PORT"],
            timeout=timeout,
            context=ssl.create_default_context(),
        )
    else:
        connection = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
        if config.get("MAIL_USE_TLS"):
            connection.starttls(context=ssl.create_default_context())
    connection.ehlo_or_helo_if_needed()
    if config.get("MAIL_USERNAME"):
        connection.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    _local.connection, _local.key = connection, key
    return connection


def _drop_connection() -> None:
    connection = getattr(_local, "connection", None)
    _local.connection = None
    if connection is not None:
        with contextlib.suppress(OSError):
            connection.close()


def close() -> None:
    """Close this thread's connection (end of a batch, tests)."""
    connection = getattr(_local, "connection", None)
    if connection is not None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.quit()
    _drop_connection()
