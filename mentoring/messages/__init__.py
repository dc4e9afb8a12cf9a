"""Messages to people and staff: e-mail and letters through a transactional outbox.

How to send something (inside an operation, before its one commit)::

    from mentoring.messages.outbox import queue_message

    queue_message(
        "proposal_request",                 # templates/messages/proposal_request.txt + .html
        volunteer=volunteer,                # or request=…, or staff=… (exactly one)
        context={"proposal": proposal, "answer_url": url},
        attachments=[ics.attachment(ics.meeting_invitation(...))],   # optional
    )
    db.session.commit()                     # the message exists only if this commits

- The `.txt` template sets the subject (`{% set subject = _("…") %}`), includes
  `messages/_footer.txt`; the `.html` template extends `messages/_layout.html` (lang, dir=rtl
  for Arabic, Impressum footer). Both get `context` plus `recipient`, `recipient_kind`, `locale`
  and `channel` ("email"/"letter": a letter carries no e-mail-only links). Texts go through
  Babel; people get their correspondence language (sign-up language), staff German.
- Channel: e-mail, unless the person chose post or has no e-mail address; a letter needs a
  street (`outbox.contact_for`). Without any address the message is stored as failed
  ("no_address") and shows in "Nicht zugestellt", so staff phone the person.
- An e-mail to an address the person has not confirmed waits (`last_error="unconfirmed"`) until
  they open the confirmation link; only `CONFIRMATION_KINDS` go out before.
- Delivery: `mentoring.messages.worker` (huey) and `mentoring.operations.delivery` (claim,
  send, record: at most once). Letters: `mentoring.messages.letters` (DIN 5008 PDF), printed by
  staff on the "Postausgang" page. Calendar invitations: `mentoring.messages.ics`.
- Flows (what is said when) live in `mentoring.messages.flows`, one function per occasion.
"""
