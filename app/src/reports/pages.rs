//! The report pages: choose a period and see the saved snapshots; the
//! report as built now (save it, choose its quotes, print it, download its
//! tables); a saved snapshot compared with the one before; and the print
//! views, which carry no navigation and break the page between sections.

use super::compare::differences;
use super::server_fns::{
    build_report, get_report_snapshot, reports_overview, BuiltReport, ChooseReportQuotes,
    SaveReportSnapshot,
};
use super::{charts::TableChart, saved_at_label, Report, Snapshot, Table, REPORT_ROLES};
use crate::components::fields::{CheckboxesField, ErrorSummary, VoiceForm};
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::forms::use_form;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|query| query.get(name))
}

/// `/officer/reports`
#[component]
pub fn ReportsPage() -> impl IntoView {
    let overview = Resource::new_blocking(|| (), |_| reports_overview());
    view! {
        <PageTitle text="Voice reports"/>
        <RequireRole roles=REPORT_ROLES>
            <h1>"Voice reports"</h1>
            <p class="lead">"The six-monthly report on what children in care and care leavers told us, "
                "for the Corporate Parenting Panel and the wider workforce."</p>
            <ServerData resource=overview let:overview>
                <form class="form" method="get" action="/officer/reports/report">
                    <div class="field">
                        <label class="label" for="period">"Reporting period"</label>
                        <p class="hint" id="period-hint">"April to September, or October to March. The last complete period is chosen for you."</p>
                        <select class="select" id="period" name="period" aria-describedby="period-hint">
                            {overview.periods.iter().map(|period| view! {
                                <option value=period.key() selected=*period == overview.default_period>{period.name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button class="button" type="submit">"Build the report"</button>
                </form>
                <h2>"Saved snapshots"</h2>
                {if overview.snapshots.is_empty() {
                    view! { <p>"No snapshots yet. Build a report and save it as a snapshot to keep it as it is."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {overview.snapshots.into_iter().map(|snapshot| view! {
                                <li class="card">
                                    <a class="card__title" href=format!("/officer/reports/snapshots/{}", snapshot.id)>{snapshot.period.name()}</a>
                                    <p>{format!("Saved by {} on {}", snapshot.saved_by, saved_at_label(snapshot.saved_at))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </ServerData>
        </RequireRole>
    }
}

/// `/officer/reports/report?period=2026-04`: the report as built now.
#[component]
pub fn BuiltReportPage() -> impl IntoView {
    let period = query("period");
    let built = Resource::new_blocking(move || period.clone(), build_report);
    let save = use_form::<SaveReportSnapshot, ()>();
    let choose = use_form::<ChooseReportQuotes, ()>();
    let (save_fields, choose_fields) = (save.view(), choose.view());
    view! {
        <PageTitle text="Voice report"/>
        <RequireRole roles=REPORT_ROLES>
            <ServerData resource=built let:built>
                {
                    let BuiltReport { report, quote_choices } = built;
                    let key = report.period.key();
                    let print_href = format!("/officer/reports/print?period={key}");
                    let csv_base = format!("/officer/reports/csv?period={key}&table=");
                    let choose_key = key.clone();
                    let chosen: Vec<String> = quote_choices.iter().filter(|(_, _, c)| *c).map(|(id, _, _)| id.clone()).collect();
                    let options: Vec<(String, String)> = quote_choices.into_iter().map(|(id, words, _)| (id, words)).collect();
                    view! {
                        <p class="no-print"><a class="back-link" href="/officer/reports">"All reports"</a></p>
                        <h1>{format!("Voice report: {}", report.period.name())}</h1>
                        <p>{format!("Built on {}.", saved_at_label(report.built_at))} " " <SuppressionNote/></p>
                        <ErrorSummary form=save_fields/>
                        <div class="actions no-print">
                            <a class="button button--secondary" href=print_href>"Print view"</a>
                            <VoiceForm form=save>
                                <input type="hidden" name="period" value=key/>
                                <button class="button" type="submit">"Save as snapshot"</button>
                            </VoiceForm>
                        </div>
                        <ReportBody report csv_base=Some(csv_base)/>
                        <section class="no-print" aria-labelledby="choose-quotes">
                            <h2 id="choose-quotes">"Choose quotes for the report"</h2>
                            {if options.is_empty() {
                                view! { <p>"No quotes were approved in this period. Approve them from survey results or promise ratings."</p> }.into_any()
                            } else {
                                view! {
                                    <ErrorSummary form=choose_fields/>
                                    <VoiceForm form=choose>
                                        <input type="hidden" name="period" value=choose_key/>
                                        <CheckboxesField form=choose_fields name="quote_ids" legend="Quotes to put in “In their words”"
                                            options initial=chosen/>
                                        <button class="button" type="submit">"Save the choice"</button>
                                    </VoiceForm>
                                }.into_any()
                            }}
                        </section>
                    }
                }
            </ServerData>
        </RequireRole>
    }
}

/// `/officer/reports/print?period=2026-04`
#[component]
pub fn BuiltReportPrintPage() -> impl IntoView {
    let period = query("period");
    let built = Resource::new_blocking(move || period.clone(), build_report);
    view! {
        <PageTitle text="Voice report (print)"/>
        <RequireRole roles=REPORT_ROLES>
            <ServerData resource=built let:built>
                {
                    let note = format!("Built on {}.", saved_at_label(built.report.built_at));
                    view! { <PrintView report=built.report note/> }
                }
            </ServerData>
        </RequireRole>
    }
}

/// `/officer/reports/snapshots/:id`
#[component]
pub fn SnapshotPage() -> impl IntoView {
    let id: String = route_param("id");
    let snapshot = Resource::new_blocking(move || id.clone(), get_report_snapshot);
    view! {
        <PageTitle text="Report snapshot"/>
        <RequireRole roles=REPORT_ROLES>
            <ServerData resource=snapshot let:snapshot>
                {match snapshot {
                    None => view! { <h1>"Snapshot not found"</h1> }.into_any(),
                    Some(snapshot) => view! { <SnapshotView snapshot/> }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn SnapshotView(snapshot: Snapshot) -> impl IntoView {
    let Snapshot {
        summary,
        report,
        previous,
    } = snapshot;
    let id = summary.id.clone();
    let changes = previous
        .as_ref()
        .map(|(before, old)| (before.clone(), differences(old, &report)));
    view! {
        <p><a class="back-link" href="/officer/reports">"All reports"</a></p>
        <span class="caption">"Snapshot"</span>
        <h1>{format!("Voice report: {}", report.period.name())}</h1>
        <p>{format!("Saved by {} on {}. A snapshot stays as it was saved.", summary.saved_by, saved_at_label(summary.saved_at))}</p>
        <p><SuppressionNote/></p>
        <p><a class="button button--secondary" href=format!("/officer/reports/snapshots/{id}/print")>"Print view"</a></p>
        <section aria-labelledby="compared">
            <h2 id="compared">"Compared with the previous snapshot"</h2>
            {match changes {
                None => view! { <p>"This is the first snapshot: there is nothing to compare it with."</p> }.into_any(),
                Some((before, changes)) => view! {
                    <p>{format!("The previous snapshot is of {}, saved by {} on {}. ", before.period.name(), before.saved_by, saved_at_label(before.saved_at))}
                        {if changes.is_empty() { "Nothing has changed.".to_string() } else { format!("{} numbers or lines differ.", changes.len()) }}</p>
                    {(!changes.is_empty()).then(|| view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label="What differs from the previous snapshot">
                            <table class="table">
                                <caption class="visually-hidden">"What differs from the previous snapshot"</caption>
                                <thead><tr><th scope="col">"Table"</th><th scope="col">"Line"</th><th scope="col">"Column"</th>
                                    <th scope="col">"Before"</th><th scope="col">"Now"</th></tr></thead>
                                <tbody>
                                    {changes.into_iter().map(|change| view! {
                                        <tr><td>{change.table}</td><th scope="row">{change.row}</th><td>{change.column}</td>
                                            <td>{change.before}</td><td>{change.now}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })}
                }.into_any(),
            }}
        </section>
        <ReportBody report csv_base=Some(format!("/officer/reports/snapshots/{id}/csv?table="))/>
    }
}

/// `/officer/reports/snapshots/:id/print`
#[component]
pub fn SnapshotPrintPage() -> impl IntoView {
    let id: String = route_param("id");
    let snapshot = Resource::new_blocking(move || id.clone(), get_report_snapshot);
    view! {
        <PageTitle text="Report snapshot (print)"/>
        <RequireRole roles=REPORT_ROLES>
            <ServerData resource=snapshot let:snapshot>
                {match snapshot {
                    None => view! { <h1>"Snapshot not found"</h1> }.into_any(),
                    Some(snapshot) => {
                        let note = format!("Snapshot saved by {} on {}.", snapshot.summary.saved_by, saved_at_label(snapshot.summary.saved_at));
                        view! { <PrintView report=snapshot.report note/> }.into_any()
                    }
                }}
            </ServerData>
        </RequireRole>
    }
}

/// The report for paper: the site's header and footer are hidden by the
/// `print-view` class (see style), and each section starts a new page.
#[component]
fn PrintView(report: Report, note: String) -> impl IntoView {
    view! {
        <div class="print-view">
            <h1>{format!("Voice report: {}", report.period.name())}</h1>
            <p>{note} " " <SuppressionNote/></p>
            <p class="no-print">"Use your browser's Print command to print this page or save it as a PDF."</p>
            <ReportBody report csv_base=None/>
        </div>
    }
}

/// How to read the hidden numbers.
#[component]
fn SuppressionNote() -> impl IntoView {
    "So that nobody can be identified, counts from 1 to 4 show as “fewer than 5”, \
     and “withheld” marks a count hidden so that a small one cannot be worked out from a total."
}

/// The sections, each with its summary, charts and tables.
#[component]
fn ReportBody(report: Report, csv_base: Option<String>) -> impl IntoView {
    // Tables are numbered through the report, so each scrolling region has
    // a name of its own even where two tables share a title.
    let mut number = 0;
    let sections: Vec<(crate::reports::Section, Vec<(usize, Table)>)> = report
        .sections
        .into_iter()
        .map(|mut section| {
            let tables = std::mem::take(&mut section.tables)
                .into_iter()
                .map(|table| {
                    number += 1;
                    (number, table)
                })
                .collect();
            (section, tables)
        })
        .collect();
    view! {
        {sections.into_iter().map(|(section, tables)| {
            let heading_id = format!("section-{}", section.id);
            let labelled_by = heading_id.clone();
            view! {
                <section class="report-section" id=section.id aria-labelledby=labelled_by>
                    <h2 id=heading_id>{section.heading}</h2>
                    <ul class="report-summary">
                        {section.summary.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                    {tables.into_iter().map(|(number, table)| view! {
                        <ReportTable table number csv_base=csv_base.clone()/>
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
    }
}

#[component]
fn ReportTable(table: Table, number: usize, csv_base: Option<String>) -> impl IntoView {
    let csv = csv_base.map(|base| format!("{base}{}", table.id));
    let region = format!("Table {number}: {}", table.title);
    let empty = table.rows.is_empty();
    view! {
        <div class="report-table">
            <h3>{table.title.clone()}</h3>
            {if empty {
                view! { <p>"Nothing to show for this period."</p> }.into_any()
            } else {
                view! {
                    <TableChart table=table.clone()/>
                    // Wide tables scroll sideways on a phone: the region can
                    // take focus so a keyboard can scroll it too.
                    <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                        <table class="table">
                            <caption class="visually-hidden">{table.title.clone()}</caption>
                            <thead><tr>{table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {table.rows.into_iter().map(|row| view! {
                                    <tr>
                                        <th scope="row">{row.label}</th>
                                        {row.cells.into_iter().map(|cell| view! { <td>{cell.label()}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {csv.map(|href| view! {
                <p class="no-print"><a href=href download="">{format!("Download “{}” (CSV)", table.title)}</a></p>
            })}
        </div>
    }
}
