//! Charts drawn as SVG on the server from a report table: bars for a
//! breakdown, and small line charts for the promise means over time. Each
//! has a title and a description that reads out its numbers, the numbers
//! are written beside the bars and points, and one dark ink on white keeps
//! every mark apart in greyscale. Hidden counts draw nothing.

use super::{Cell, Chart, Table};
use leptos::prelude::*;

const WIDTH: f64 = 320.0;
const BAR_AREA: f64 = 230.0;
const ROW_HEIGHT: f64 = 38.0;
/// The longest label written in a chart; the table below has it whole.
const LABEL_CHARS: usize = 48;

fn shortened(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The chart a table asks for, if any.
#[component]
pub fn TableChart(table: Table) -> impl IntoView {
    match table.chart {
        Some(Chart::Bars { column }) => view! { <BarChart table column/> }.into_any(),
        Some(Chart::Trend) => view! { <TrendCharts table/> }.into_any(),
        None => ().into_any(),
    }
}

/// One bar per row (the "Total" row left out), as long as its number.
#[component]
fn BarChart(table: Table, column: usize) -> impl IntoView {
    let bars: Vec<(String, Option<f64>, String)> = table
        .rows
        .iter()
        .filter(|row| row.label != "Total")
        .map(|row| {
            let cell = row
                .cells
                .get(column)
                .cloned()
                .unwrap_or(Cell::Text(String::new()));
            let words = match cell.label() {
                empty if empty.is_empty() => "not shown".to_string(),
                words => words,
            };
            (row.label.clone(), cell.value(), words)
        })
        .collect();
    let largest = bars
        .iter()
        .filter_map(|(_, value, _)| *value)
        .fold(0.0_f64, f64::max);
    let height = ROW_HEIGHT * bars.len() as f64 + 4.0;
    let title_id = format!("chart-{}-title", table.id);
    let desc_id = format!("chart-{}-desc", table.id);
    let description = format!(
        "Bar chart. {}.",
        bars.iter()
            .map(|(label, _, words)| format!("{label}: {words}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart">
            <svg class="chart__svg" viewBox=format!("0 0 {WIDTH} {height}") role="img"
                aria-labelledby=labelled_by>
                <title id=title_id>{table.title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {bars.into_iter().enumerate().map(|(index, (label, value, words))| {
                    let top = ROW_HEIGHT * index as f64;
                    let length = match value {
                        Some(value) if largest > 0.0 => (value / largest * BAR_AREA).max(1.0),
                        _ => 0.0,
                    };
                    view! {
                        <g>
                            <text class="chart__label" x="0" y=format!("{:.1}", top + 13.0)>{shortened(&label)}</text>
                            <rect class="chart__bar" x="0" y=format!("{:.1}", top + 18.0)
                                width=format!("{length:.1}") height="14"/>
                            <text class="chart__value" x=format!("{:.1}", length + 6.0) y=format!("{:.1}", top + 30.0)>{words}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// "Apr 26" from "April to September 2026"; "Oct 25" from "October 2025 to March 2026".
fn short_period(name: &str) -> String {
    let month: String = name.chars().take(3).collect();
    let year = name
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 4)
        .map(|year| &year[2..])
        .unwrap_or_default();
    format!("{month} {year}")
}

/// A small line chart per row: its means across the columns' periods, a
/// gap wherever a mean is hidden.
#[component]
fn TrendCharts(table: Table) -> impl IntoView {
    let periods: Vec<String> = table
        .columns
        .iter()
        .skip(1)
        .map(|c| short_period(c))
        .collect();
    let step = (WIDTH - 40.0) / (periods.len().max(2) - 1) as f64;
    let x = move |index: usize| 20.0 + step * index as f64;
    // Means run 1 to 5; 5 is at the top.
    let y = |mean: f64| 20.0 + (5.0 - mean) * 12.0;
    view! {
        <div class="chart-grid">
            {table.rows.iter().enumerate().map(|(row_index, row)| {
                let points: Vec<(usize, Option<f64>)> = row.cells.iter().map(Cell::value).enumerate().collect();
                let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
                for (index, mean) in &points {
                    match mean {
                        Some(mean) => runs.last_mut().expect("a run").push((x(*index), y(*mean))),
                        None => runs.push(Vec::new()),
                    }
                }
                let lines: Vec<String> = runs
                    .iter()
                    .filter(|run| !run.is_empty())
                    .map(|run| run.iter().map(|(px, py)| format!("{px:.1},{py:.1}")).collect::<Vec<_>>().join(" "))
                    .collect();
                let title_id = format!("chart-{}-{row_index}-title", table.id);
                let desc_id = format!("chart-{}-{row_index}-desc", table.id);
                let description = format!(
                    "Line chart of the mean rating (1 to 5). {}.",
                    points.iter().map(|(index, mean)| format!(
                        "{}: {}", table.columns[index + 1],
                        mean.map_or("not enough ratings".to_string(), |m| format!("{m:.1}"))
                    )).collect::<Vec<_>>().join("; ")
                );
                let labelled_by = format!("{title_id} {desc_id}");
                view! {
                    <figure class="chart chart--small">
                        <svg class="chart__svg" viewBox=format!("0 0 {WIDTH} 92") role="img"
                            aria-labelledby=labelled_by>
                            <title id=title_id>{format!("{}: mean rating over time", row.label)}</title>
                            <desc id=desc_id>{description}</desc>
                            <text class="chart__label" x="0" y="11">{row.label.clone()}</text>
                            <line class="chart__axis" x1="14" x2=format!("{:.1}", WIDTH - 14.0) y1="74" y2="74"/>
                            {lines.into_iter().map(|points| view! { <polyline class="chart__line" points=points/> }).collect_view()}
                            {points.iter().filter_map(|(index, mean)| mean.map(|mean| view! {
                                <g>
                                    <circle class="chart__point" cx=format!("{:.1}", x(*index)) cy=format!("{:.1}", y(mean)) r="3"/>
                                    <text class="chart__value" text-anchor="middle" x=format!("{:.1}", x(*index)) y=format!("{:.1}", y(mean) - 6.0)>{format!("{mean:.1}")}</text>
                                </g>
                            })).collect_view()}
                            {periods.iter().enumerate().map(|(index, period)| view! {
                                <text class="chart__tick" text-anchor="middle" x=format!("{:.1}", x(index)) y="88">{period.clone()}</text>
                            }).collect_view()}
                        </svg>
                    </figure>
                }
            }).collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_names_shorten_to_their_first_month() {
        assert_eq!(short_period("April to September 2026"), "Apr 26");
        assert_eq!(short_period("October 2025 to March 2026"), "Oct 25");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let long =
            "We will help you to be proud of yourself and celebrate your individual beliefs.";
        let cut = shortened(long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= LABEL_CHARS);
        assert_eq!(shortened("Care leavers"), "Care leavers");
    }
}
