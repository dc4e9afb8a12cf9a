"""The statistics page and the committee report (HTML, PDF, CSV): views only read."""

from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from mentoring import clock
from mentoring.access import staff_required, visible_programmes
from mentoring.extensions import db
from mentoring.input_limits import parse_number
from mentoring.models import Department
from mentoring.reports import bp
from mentoring.reports.build import build_report
from mentoring.reports.export import report_csv, report_pdf
from mentoring.reports.forms import StatisticsFilterForm, default_period
from mentoring.reports.queries import Filter


@bp.route("/")
@staff_required
def statistics():
    form, filter_ = _filter_form()
    report = build_report(filter_, protected=False)
    return render_template(
        "reports/statistics.html", form=form, report=report, query=_query(filter_)
    )


@bp.route("/ausschuss")
@staff_required
def committee():
    form, filter_ = _filter_form()
    if form.errors:
        return _back_to_form()
    report = build_report(filter_, protected=True)
    return render_template("reports/committee.html", report=report, query=_query(filter_))


@bp.route("/ausschuss.pdf")
@staff_required
def committee_pdf():
    form, filter_ = _filter_form()
    if form.errors:
        return _back_to_form()
    report = build_report(filter_, protected=True)
    pdf = report_pdf(render_template("reports/committee_pdf.html", report=report))
    return _download(pdf, "application/pdf", _filename("ausschussbericht", filter_, "pdf"))


@bp.route("/statistik.csv")
@staff_required
def statistics_csv():
    form, filter_ = _filter_form()
    if form.errors:
        return _back_to_form()
    report = build_report(filter_, protected=True)
    return _download(
        report_csv(report).encode("utf-8"),
        "text/csv; charset=utf-8",
        _filename("statistik", filter_, "csv"),
    )


def _filter_form() -> tuple[StatisticsFilterForm, Filter]:
    """The filter from the URL, limited to what the user may see; unknown ids give 404."""
    programmes = visible_programmes(current_user)
    departments = _departments_of(programmes)
    _only_known(request.args.getlist("programm"), {p.id for p in programmes})
    _only_known(request.args.getlist("bereich"), {d.id for d in departments})
    today = clock.today()
    start, end = default_period(today)
    form = StatisticsFilterForm(formdata=request.args, period_start=start, period_end=end)
    form.programmes.choices = [(p.id, p.name) for p in programmes]
    form.departments.choices = [(d.id, d.name) for d in departments]
    if request.args and not form.validate():
        start, end = default_period(today)
    else:
        start, end = form.period_start.data or start, form.period_end.data or end
    chosen = form.programmes.data or [p.id for p in programmes]
    return form, Filter(start, end, tuple(chosen), tuple(form.departments.data or ()))


def _departments_of(programmes) -> list[Department]:
    """The departments owning the user's programmes: all for admins, their own for others."""
    ids = {p.department_id for p in programmes}
    return list(
        db.session.scalars(
            select(Department).where(Department.id.in_(ids)).order_by(Department.name)
        )
    )


def _back_to_form():
    """Show the filter's errors on the statistics page."""
    return redirect(f"{url_for('reports.statistics')}?{request.query_string.decode()}")


def _only_known(values: list[str], known: set[int]) -> None:
    """A programme or department the user may not see is not there for them."""
    if any(parse_number(v) not in known for v in values):
        abort(404)


def _query(filter_: Filter) -> dict:
    """URL parameters that reproduce the filter (for the download links)."""
    return {
        "von": filter_.period_start.isoformat(),
        "bis": filter_.period_end.isoformat(),
        "programm": list(request.args.getlist("programm")),
        "bereich": list(request.args.getlist("bereich")),
    }


def _filename(stem: str, filter_: Filter, extension: str) -> str:
    start, end = filter_.period_start.isoformat(), filter_.period_end.isoformat()
    return f"{stem}-{start}-bis-{end}.{extension}"


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
