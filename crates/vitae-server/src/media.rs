//! Media types: reading `Content-Type` and `Accept`, naming downloads.

/// `type/subtype` of a media type, lowercase, without parameters.
pub fn essence(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

pub fn is_yaml(essence: &str) -> bool {
    matches!(
        essence,
        "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml"
    )
}

/// Whether an `Accept` header asks for YAML before JSON.
pub fn accepts_yaml(accept: &str) -> bool {
    accept.split(',').map(essence).find_map(|t| {
        if is_yaml(&t) {
            Some(true)
        } else if t == "application/json" || t.ends_with("+json") {
            Some(false)
        } else {
            None
        }
    }) == Some(true)
}

/// Whether an `Accept` header names `media_type` itself (its essence, with a non-zero `q`);
/// wildcards (`*/*`, `application/*`) do not count.
pub fn names_exactly(accept: &str, media_type: &str) -> bool {
    let wanted = essence(media_type);
    accept.split(',').any(|part| {
        let refused = part.split(';').skip(1).any(|p| {
            p.trim()
                .to_ascii_lowercase()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        essence(part) == wanted && !refused
    })
}

/// A `Content-Disposition` value that downloads as `name`: ASCII letters, digits, `-`, `_`
/// and `.` only, so no header injection or path tricks can ride on a variant name.
pub fn attachment(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_read_without_parameters_or_case() {
        assert_eq!(
            essence("Application/JSON; charset=utf-8"),
            "application/json"
        );
        assert!(is_yaml(&essence("text/yaml")));
        assert!(accepts_yaml("application/yaml, application/json;q=0.5"));
        assert!(!accepts_yaml("application/json, application/yaml"));
        assert!(!accepts_yaml("*/*"));
        assert!(names_exactly(
            "application/json, application/pdf;q=0.5",
            "application/pdf"
        ));
        assert!(names_exactly(
            "Text/Markdown",
            "text/markdown; charset=utf-8"
        ));
        assert!(!names_exactly("*/*", "application/pdf"));
        assert!(!names_exactly("application/*", "application/pdf"));
        assert!(!names_exactly("application/pdf;q=0", "application/pdf"));
    }

    #[test]
    fn download_names_cannot_inject_header_text() {
        assert_eq!(
            attachment("resume-a\"b\r\nX: y.pdf"),
            "attachment; filename=\"resume-a_b__X__y.pdf\""
        );
    }
}
