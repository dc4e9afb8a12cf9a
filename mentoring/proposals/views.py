"""Proposal pages: run the engine for a programme, read and act on the proposals, 'who fits?'."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentoring.access import staff_required, visible_programmes
from mentoring.labels import label
from mentoring.messages.proposal_links import reason_text
from mentoring.models import DeclineReason, ProposalStepKind
from mentoring.operations import (
    OperationError,
    manual_proposals,
    proposal_requests,
    proposal_steps,
    proposals,
    runs,
)
from mentoring.operations.intake import record_view
from mentoring.pagination import requested_page
from mentoring.pairing import fit
from mentoring.pairing.engine_input import request_label
from mentoring.proposals import bp
from mentoring.proposals import queries as q
from mentoring.proposals.forms import (
    AcceptForm,
    DeclineForm,
    ProposeByReferenceForm,
    ProposePairForm,
    RunForm,
    StepForm,
)
from mentoring.scoping import (
    programme_or_404,
    proposal_or_404,
    request_or_404,
    run_or_404,
    volunteer_or_404,
)

UNMATCHED_SHOWN = 100  # a large programme leaves thousands unmatched: the rest on request


@bp.route("/matching")
@staff_required
def overview():
    return render_template("proposals/overview.html", rows=q.programme_overview(current_user))


@bp.route("/matching/programm/<id:programme_id>", methods=["GET", "POST"])
@staff_required
def programme(programme_id: int):
    programme = programme_or_404(current_user, programme_id)
    form = RunForm()
    if form.validate_on_submit():
        try:
            run = runs.run_matching(
                programme_id=programme.id,
                staff=current_user,
                objective=form.objective.data,
                method=form.method.data,
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            flash(_("%(n)s Vorschläge berechnet.", n=run.matched))
            return redirect(url_for("proposals.run", run_id=run.id))
    return render_template(
        "proposals/programme.html",
        programme=programme,
        form=form,
        runs=q.recent_runs(programme.id),
    )


@bp.route("/matching/<id:run_id>")
@staff_required
def run(run_id: int):
    run = run_or_404(current_user, run_id)
    sort = request.args.get("sort", "score")
    sort = sort if sort in q.SORTS else "score"
    page = q.run_proposals(run, sort, requested_page())
    show_all = request.args.get("alle") == "1"
    unmatched = run.unmatched if show_all else run.unmatched[:UNMATCHED_SHOWN]
    return render_template(
        "proposals/run.html",
        run=run,
        page=page,
        sort=sort,
        unmatched=unmatched,
        unmatched_shown=UNMATCHED_SHOWN,
        accept_form=AcceptForm(),
        stale_before=q.stale_before(),
        is_stale=q.is_stale,
    )


@bp.route("/vorschlaege/<id:proposal_id>/annehmen", methods=["POST"])
@staff_required
def accept(proposal_id: int):
    proposal = proposal_or_404(current_user, proposal_id)
    back = _back_to(proposal)
    if not AcceptForm().validate_on_submit():
        flash(_("Das Formular war veraltet. Bitte versuchen Sie es noch einmal."), "error")
        return redirect(back)
    try:
        tandem = proposals.accept_proposal(proposal_id=proposal.id, staff=current_user)
    except OperationError as error:
        flash(str(error), "error")
        return redirect(back)
    flash(
        _(
            "Vorschlag angenommen: Das Tandem ist angelegt. Als Nächstes tragen Sie das erste "
            "Treffen ein."
        )
    )
    return redirect(url_for("tandems.detail", tandem_id=tandem.id))


@bp.route("/vorschlaege/<id:proposal_id>/ablehnen", methods=["GET", "POST"])
@staff_required
def decline(proposal_id: int):
    proposal = proposal_or_404(current_user, proposal_id)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            proposals.decline_proposal(
                proposal_id=proposal.id,
                staff=current_user,
                reason=DeclineReason(form.reason.data),
                note=form.note.data,
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            flash(_("Vorschlag abgelehnt."))
        return redirect(_back_to(proposal))
    return render_template(
        "proposals/decline.html",
        proposal=proposal,
        form=form,
        back=_back_to(proposal),
    )


def _back_to(proposal) -> str:
    if proposal.run_id:
        return url_for("proposals.run", run_id=proposal.run_id) + f"#p{proposal.id}"
    return url_for("proposals.queue", programme_id=proposal.programme_id)


@bp.route("/ehrenamtliche/<id:volunteer_id>/passende")
@staff_required
def fit_for_volunteer(volunteer_id: int):
    volunteer = volunteer_or_404(current_user, volunteer_id)
    visible = {p.id for p in visible_programmes(current_user)}
    sections = []
    for programme in volunteer.programmes:
        if programme.id in visible and programme.active:
            sections.append(_fit_section(programme, volunteer_id=volunteer.id))
    record_view(staff=current_user, subject_type="volunteer", subject_id=volunteer.id)
    return render_template(
        "proposals/fit_for_volunteer.html",
        volunteer=volunteer,
        propose_form=ProposePairForm(formdata=None),
        person=volunteer.full_name,
        sections=sections,
    )


@bp.route("/anfragen/<id:request_id>/passende")
@staff_required
def fit_for_request(request_id: int):
    mentee_request = request_or_404(current_user, request_id)
    sections = [_fit_section(mentee_request.programme, request_id=mentee_request.id)]
    record_view(staff=current_user, subject_type="request", subject_id=mentee_request.id)
    person = request_label(mentee_request.person_first_name, mentee_request.reference)
    return render_template(
        "proposals/fit_for_request.html",
        mentee_request=mentee_request,
        propose_form=ProposePairForm(formdata=None),
        person=person,
        sections=sections,
    )


def _fit_section(programme, **person) -> dict:
    try:
        found = fit.fitting_candidates(programme=programme, **person)
    except OperationError as error:
        return {"programme": programme, "problem": str(error), "candidates": []}
    for_volunteer = "volunteer_id" in person
    others = [c.request_id if for_volunteer else c.volunteer_id for c in found]
    names = q.display_names(volunteers=not for_volunteer, ids=others)
    return {
        "programme": programme,
        "problem": None,
        "candidates": [(c, names.get(other)) for c, other in zip(found, others, strict=True)],
        "why_not": [] if found else fit.why_nobody_fits(programme=programme, **person),
    }


# Proposals by hand, the office's steps, the queue of open proposals -----------------------------


def _propose(volunteer_id: int, request_id: int, back: str):
    try:
        proposal = manual_proposals.propose_pair(
            staff=current_user, volunteer_id=volunteer_id, request_id=request_id
        )
    except OperationError as error:
        flash(str(error), "error")
        return redirect(back)
    flash(_("Vorschlag von Hand angelegt. Nächster Schritt: bei der/dem Ehrenamtlichen anfragen."))
    return redirect(url_for("proposals.detail", proposal_id=proposal.id))


@bp.route("/vorschlaege/neu", methods=["POST"])
@staff_required
def propose():
    form = ProposePairForm()
    if not form.validate_on_submit():
        flash(_("Das Formular war veraltet. Bitte versuchen Sie es noch einmal."), "error")
        return redirect(url_for("proposals.overview"))
    if form.back.data == "volunteer":
        back = url_for("proposals.fit_for_volunteer", volunteer_id=form.volunteer_id.data)
    else:
        back = url_for("proposals.fit_for_request", request_id=form.request_id.data)
    return _propose(form.volunteer_id.data, form.request_id.data, back)


@bp.route("/ehrenamtliche/<id:volunteer_id>/vorschlagen", methods=["POST"])
@staff_required
def propose_for_volunteer(volunteer_id: int):
    volunteer = volunteer_or_404(current_user, volunteer_id)
    back = url_for("intake.volunteer_detail", volunteer_id=volunteer.id) + "#vorschlagen"
    form = ProposeByReferenceForm()
    if not form.validate_on_submit():
        flash(_("Bitte geben Sie die Kennung einer Anfrage ein."), "error")
        return redirect(back)
    other = q.request_by_reference(current_user, form.reference.data)
    if other is None:
        flash(
            _("Eine Anfrage mit dieser Kennung gibt es nicht (oder nicht in Ihren Programmen)."),
            "error",
        )
        return redirect(back)
    return _propose(volunteer.id, other.id, back)


@bp.route("/anfragen/<id:request_id>/vorschlagen", methods=["POST"])
@staff_required
def propose_for_request(request_id: int):
    mentee_request = request_or_404(current_user, request_id)
    back = url_for("intake.request_detail", request_id=mentee_request.id) + "#vorschlagen"
    form = ProposeByReferenceForm()
    if not form.validate_on_submit():
        flash(_("Bitte geben Sie die Kennung einer ehrenamtlichen Person ein."), "error")
        return redirect(back)
    other = q.volunteer_by_reference(current_user, form.reference.data)
    if other is None:
        flash(
            _(
                "Eine ehrenamtliche Person mit dieser Kennung gibt es nicht (oder nicht in "
                "Ihren Programmen)."
            ),
            "error",
        )
        return redirect(back)
    return _propose(other.id, mentee_request.id, back)


def _render_detail(proposal, step_form=None, status: int = 200):
    if step_form is None:
        step_form = StepForm(formdata=None)
    allowed = proposal_steps.next_steps(proposal)
    step_form.limit_to(allowed)
    return render_template(
        "proposals/detail.html",
        proposal=proposal,
        staff=q.proposal_page(proposal),
        step_form=step_form,
        allowed=allowed,
        waiting=proposal_steps.waiting_days(proposal),
        stale_days=q.stale_days(),
        back=_back_to(proposal),
        answer_reason=reason_text,
    ), status


@bp.route("/vorschlaege/<id:proposal_id>")
@staff_required
def detail(proposal_id: int):
    return _render_detail(proposal_or_404(current_user, proposal_id))


@bp.route("/vorschlaege/<id:proposal_id>/schritt", methods=["POST"])
@staff_required
def step(proposal_id: int):
    proposal = proposal_or_404(current_user, proposal_id)
    form = StepForm()
    if not form.validate_on_submit():
        return _render_detail(proposal, form, 400)
    kind = ProposalStepKind(form.kind.data)
    try:
        proposal_steps.record_step(
            proposal_id=proposal.id, staff=current_user, kind=kind, on=form.done_on.data
        )
    except OperationError as error:
        flash(str(error), "error")
    else:
        flash(_("Eingetragen: %(step)s.", step=label(kind)))
    return redirect(url_for("proposals.detail", proposal_id=proposal.id))


@bp.route("/vorschlaege/<id:proposal_id>/anfrage-senden", methods=["POST"])
@staff_required
def send_request(proposal_id: int):
    proposal = proposal_or_404(current_user, proposal_id)
    if not AcceptForm().validate_on_submit():
        flash(_("Das Formular war veraltet. Bitte versuchen Sie es noch einmal."), "error")
        return redirect(url_for("proposals.detail", proposal_id=proposal.id))
    try:
        message = proposal_requests.send_proposal_request(
            proposal_id=proposal.id, staff=current_user
        )
    except OperationError as error:
        flash(str(error), "error")
    else:
        if message.channel.value == "letter":
            flash(_("Die Anfrage liegt als Brief im Postausgang. Angefragt ist eingetragen."))
        else:
            flash(
                _(
                    "Die Anfrage geht per E-Mail an die/den Ehrenamtlichen. "
                    "Angefragt ist eingetragen."
                )
            )
    return redirect(url_for("proposals.detail", proposal_id=proposal.id))


@bp.route("/matching/programm/<id:programme_id>/offen")
@staff_required
def queue(programme_id: int):
    programme = programme_or_404(current_user, programme_id)
    page = q.open_queue(programme.id, requested_page())
    return render_template(
        "proposals/queue.html",
        programme=programme,
        page=page,
        waiting={p.id: proposal_steps.waiting_days(p) for p in page.items},
        stale_days=q.stale_days(),
        answer_reason=reason_text,
    )
