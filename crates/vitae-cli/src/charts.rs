//! `vitae analyze --svg DIR`: the analytics as small SVG charts (funnel, applications per
//! week, answer rate per variant and per source). Text is escaped for XML; nothing else from
//! the user reaches the markup.

use vitae_app::tracker::analytics::{Analytics, Group};

/// `(file name, SVG)` for each chart.
pub fn svgs(a: &Analytics) -> Vec<(&'static str, String)> {
    let f = &a.funnel;
    let funnel = [
        ("sent", f.applied),
        ("answered", f.answered),
        ("interviewed", f.interviewed),
        ("offered", f.offered),
        ("accepted", f.accepted),
    ]
    .map(|(k, v)| (k.to_owned(), v as f64, v.to_string()));
    let weeks: Vec<(String, f64, String)> = a
        .by_week
        .iter()
        .map(|g| {
            (
                g.key.clone(),
                g.funnel.applied as f64,
                g.funnel.applied.to_string(),
            )
        })
        .collect();
    let rates = |groups: &[Group]| -> Vec<(String, f64, String)> {
        groups
            .iter()
            .map(|g| {
                let v = g.response_rate.value.unwrap_or(0.0);
                (
                    g.key.clone(),
                    v,
                    format!(
                        "{:.0} % ({}/{})",
                        v * 100.0,
                        g.response_rate.count,
                        g.response_rate.of
                    ),
                )
            })
            .collect()
    };
    vec![
        (
            "funnel.svg",
            bars("Applications through the funnel", &funnel, None),
        ),
        (
            "weeks.svg",
            bars("Applications sent per week", &weeks, None),
        ),
        (
            "variants.svg",
            bars("Answer rate by variant", &rates(&a.by_variant), Some(1.0)),
        ),
        (
            "sources.svg",
            bars("Answer rate by source", &rates(&a.by_source), Some(1.0)),
        ),
    ]
}

/// A horizontal bar chart: one row per `(label, value, value as shown)`, scaled to `max` (or
/// the largest value).
fn bars(title: &str, rows: &[(String, f64, String)], max: Option<f64>) -> String {
    const ROW: f64 = 22.0;
    const LABEL: f64 = 170.0;
    const WIDTH: f64 = 360.0;
    let top = max
        .unwrap_or_else(|| rows.iter().map(|r| r.1).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let height = 40.0 + ROW * rows.len().max(1) as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" \
         viewBox=\"0 0 {w} {height}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" \
         aria-label=\"{t}\">\n<title>{t}</title>\n\
         <text x=\"8\" y=\"18\" font-weight=\"bold\">{t}</text>\n",
        w = LABEL + WIDTH + 120.0,
        t = xml(title)
    );
    if rows.is_empty() {
        svg.push_str("<text x=\"8\" y=\"44\" fill=\"#666\">no data yet</text>\n");
    }
    for (i, (label, value, shown)) in rows.iter().enumerate() {
        let y = 30.0 + ROW * i as f64;
        let w = (value / top).clamp(0.0, 1.0) * WIDTH;
        svg.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"#3b6ea5\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\">{shown}</text>\n",
            lx = LABEL - 8.0,
            ty = y + 13.0,
            label = xml(label),
            h = ROW - 6.0,
            vx = LABEL + w + 6.0,
            shown = xml(shown),
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters and the two noncharacters U+FFFE and U+FFFF are not allowed
            // in XML 1.0.
            c if (c.is_control() && c != '\t') || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn labels_are_escaped_and_what_xml_forbids_is_dropped() {
        assert_eq!(
            xml("<script>&\"'\u{1}\u{fffe}\u{ffff}\tok"),
            "&lt;script&gt;&amp;&quot;&apos;\tok"
        );
    }
}
