// The editor and what needs a parser: loaded after the page is on screen, so the first paint
// does not wait for CodeMirror (the page's own script stays small).
//
// CodeMirror 6 is the editor; `yaml` (eemeli/yaml) reads the source with the position of every
// node, which is what lets the form edit a value in place (the rest of the text, comments
// included, is left byte for byte) and lets a finding's path (`experience[2].bullets[0]`) be
// marked in the source; `diff` compares a tailored source with the current one.

import { EditorState, Compartment, StateEffect, StateField } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, Decoration,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import {
  syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, foldGutter,
  HighlightStyle,
} from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { autocompletion, completionKeymap, closeBrackets } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { yaml } from "@codemirror/lang-yaml";
import { json } from "@codemirror/lang-json";
import { Document, parseDocument, isMap, isSeq, isScalar, isPair } from "yaml";
import { diffLines } from "diff";

// Colours that hold their contrast on the dark theme too (the default style is for light).
const darkHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#ff9ac1" },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: "#8fc7ff" },
  { tag: [tags.string, tags.special(tags.string)], color: "#a6e3a1" },
  { tag: [tags.number, tags.bool, tags.null], color: "#fab387" },
  { tag: tags.comment, color: "#a6adc8", fontStyle: "italic" },
  { tag: tags.meta, color: "#cba6f7" },
]);

const marks = StateEffect.define();
const markField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) if (e.is(marks)) value = e.value;
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});
const matched = Decoration.mark({ class: "cm-matched" });

/** The editor in `parent`, holding `text`; `onChange(text)` after every edit. */
export function createEditor({ parent, text, format, dark, onChange, complete, nonce }) {
  const language = new Compartment();
  const highlight = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        EditorView.cspNonce.of(nonce || ""),
        lineNumbers(), highlightActiveLineGutter(), foldGutter(), lintGutter(), history(),
        drawSelection(), indentOnInput(), bracketMatching(), closeBrackets(),
        highlightActiveLine(), highlightSelectionMatches(), markField,
        autocompletion({ override: complete ? [complete] : undefined }),
        language.of(format === "json" ? json() : yaml()),
        highlight.of(syntaxHighlighting(dark ? darkHighlight : defaultHighlightStyle)),
        keymap.of([
          ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...completionKeymap,
          ...lintKeymap, indentWithTab,
        ]),
        EditorView.lineWrapping,
        // A tab stop of its own, so keyboard users reach the text (and checkers see the
        // scrolling region holds something focusable).
        EditorView.contentAttributes.of({ "aria-label": "Resume source", "aria-multiline": "true", tabindex: "0" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    /** Replaces the whole text (a form edit, an accepted tailoring), as one undoable change. */
    setText(next) {
      const current = view.state.doc.toString();
      if (next === current) return;
      // Only the part that differs is replaced, so the cursor and scroll stay where they are.
      let start = 0;
      while (start < current.length && start < next.length && current[start] === next[start]) start++;
      let endA = current.length;
      let endB = next.length;
      while (endA > start && endB > start && current[endA - 1] === next[endB - 1]) { endA--; endB--; }
      view.dispatch({ changes: { from: start, to: endA, insert: next.slice(start, endB) } });
    },
    setFormat(f) {
      view.dispatch({ effects: language.reconfigure(f === "json" ? json() : yaml()) });
    },
    setDark(d) {
      view.dispatch({
        effects: highlight.reconfigure(syntaxHighlighting(d ? darkHighlight : defaultHighlightStyle)),
      });
    },
    /** Shows the server's findings: `{line, column, severity, message, hint}`, lines from 1. */
    setProblems(problems) {
      const doc = view.state.doc;
      const diagnostics = problems
        .filter((p) => p.line >= 1 && p.line <= doc.lines)
        .map((p) => {
          const line = doc.line(p.line);
          const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
          return {
            from,
            to: line.to > from ? line.to : from,
            severity: p.severity === "warning" ? "warning" : "error",
            message: p.hint ? `${p.message} (${p.hint})` : p.message,
            source: p.path || undefined,
          };
        });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Marks the source ranges of model paths (a job's matched bullets). */
    mark(paths) {
      const ranges = paths
        .map(rangeIn(parseDocument(view.state.doc.toString())))
        .filter(Boolean)
        .sort((a, b) => a[0] - b[0]);
      const set = Decoration.set(ranges.map(([from, to]) => matched.range(from, to)), true);
      view.dispatch({ effects: marks.of(set) });
      return ranges.length;
    },
    /** The text of every marked range, in order. */
    marked() {
      const out = [];
      const iter = view.state.field(markField).iter();
      for (; iter.value; iter.next()) out.push(view.state.sliceDoc(iter.from, iter.to));
      return out;
    },
    /** Moves the cursor to a line and column (from 1), scrolled into view, focused. */
    goto(line, column) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const pos = Math.min(l.from + Math.max(column - 1, 0), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
  };
}

/** `experience[2].bullets[0]` → ["experience", 2, "bullets", 0]. */
export function splitPath(path) {
  const keys = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    keys.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return keys;
}

/** The source range of a model path in a parsed document (read once for many paths). */
function rangeIn(doc) {
  return (path) => {
    const node = doc.getIn(splitPath(path), true);
    return node && node.range ? [node.range[0], node.range[1]] : null;
  };
}

/** The parsed source as plain data (what the job-fit calls send), or the parser's message. */
export function toData(text) {
  const doc = parseDocument(text);
  if (doc.errors.length) return { error: doc.errors[0].message };
  return { data: doc.toJS({ maxAliasCount: 100 }) };
}

/**
 * Every scalar of the source as a form field: `{path, label, value, from, to, multiline}`,
 * grouped by top-level section. Editing one replaces only that scalar's characters.
 */
export function formFields(text) {
  const doc = parseDocument(text);
  if (doc.errors.length) return { error: doc.errors[0].message, line: lineOf(text, doc.errors[0].pos?.[0] ?? 0) };
  const groups = [];
  const walk = (node, path, group, inFlow = false) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        walk(pair.value, [...path, String(pair.key.value)], group, inFlow || Boolean(node.flow));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i], group, inFlow || Boolean(node.flow)));
      group.lists.push(pathName(path));
    } else if (isScalar(node) && node.range && (typeof node.value === "string" || typeof node.value === "number" || node.value === null || typeof node.value === "boolean")) {
      const value = node.value === null ? "" : String(node.value);
      group.fields.push({
        path: pathName(path),
        value,
        from: node.range[0],
        to: node.range[1],
        kind: node.value === null ? "null" : typeof node.value,
        inFlow,
        multiline: value.length > 80 || value.includes("\n"),
      });
    }
  };
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const group = { section: String(pair.key.value), fields: [], lists: [] };
      walk(pair.value, [String(pair.key.value)], group);
      if (group.fields.length || group.lists.length) groups.push(group);
    }
  }
  return { groups, json: text.trimStart().startsWith("{") };
}

function pathName(path) {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i ? `.${k}` : k)).join("");
}

function lineOf(text, pos) {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/**
 * `text` with the scalar at `field` (from [`formFields`]) set to `value`, written so it reads
 * back as that string in YAML or JSON; every other character is kept.
 */
export function setField(text, field, value, json) {
  let written;
  const plain = /^[A-Za-z0-9][A-Za-z0-9 .()@+/&'-]*$/.test(value) && !/ $/.test(value)
    && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value) && !/^[\d.+-]/.test(value);
  if (field.kind === "boolean" && /^(true|false)$/.test(value.trim())) {
    written = value.trim();
  } else if (field.kind === "number" && value.trim() !== "" && Number.isFinite(Number(value))) {
    written = String(Number(value));
  } else if (json || field.inFlow || !plain) {
    // Quoted: in JSON always; in a flow list a plain comma would split the value; elsewhere
    // whenever a plain scalar could be read as something else. JSON strings are YAML.
    written = JSON.stringify(value);
  } else {
    written = value;
  }
  let { from, to } = field;
  // A block scalar's range runs past its last line break: keep the break.
  while (to > from && /\s/.test(text[to - 1])) to--;
  // An empty value (`name:`, `name: # todo`, a bare `-`) has no characters of its own: a space
  // keeps it apart from the `:` or `-` before it, and one from a comment after it.
  if (from === to) {
    if (!/\s/.test(text[from - 1] || " ")) written = ` ${written}`;
    if (text[to] === "#") written = `${written} `;
  }
  return text.slice(0, from) + written + text.slice(to);
}

/**
 * `text` with one more item at the end of the list at `path` (`experience`,
 * `experience[0].bullets`): an empty text, or for a list of records a record with the last one's
 * keys, empty. Only that place changes.
 */
export function addItem(text, path) {
  const doc = parseDocument(text);
  const seq = doc.getIn(splitPath(path), true);
  if (!isSeq(seq) || !seq.range) return text;
  const last = seq.items[seq.items.length - 1];
  const keysOf = (map) => map.items
    .filter((p) => isScalar(p.key) && (!p.value || isScalar(p.value)))
    .map((p) => String(p.key.value));
  if (seq.flow || !last) {
    // `[a, b]` gains `, ""`, `[{...}]` a record with the last one's keys; `[]` gets its first.
    let close = seq.range[1];
    while (close > seq.range[0] && text[close - 1] !== "]") close--;
    if (text[close - 1] !== "]") return text;
    let item = '""';
    if (isMap(last)) {
      const keys = keysOf(last);
      if (!keys.length) return text;
      item = `{ ${keys.map((k) => `${JSON.stringify(k)}: ""`).join(", ")} }`;
    }
    // Before the `]`, after any space and a trailing comma already there.
    let at = close - 1;
    while (at > seq.range[0] + 1 && /\s/.test(text[at - 1])) at--;
    const comma = seq.items.length && text[at - 1] !== "," ? ", " : seq.items.length ? " " : "";
    return text.slice(0, at) + comma + item + text.slice(at);
  }
  const dash = " ".repeat(dashColumn(text, last));
  let item = '""';
  if (isMap(last)) {
    const keys = keysOf(last);
    if (!keys.length) return text;
    item = keys.map((k, i) => `${i ? `${dash}  ` : ""}${k}: ""`).join("\n");
  }
  const at = afterLine(text, last);
  return `${text.slice(0, at)}\n${dash}- ${item}${text.slice(at)}`;
}

/** The column of the `-` that starts a block list's item (however many spaces follow it). */
function dashColumn(text, item) {
  let i = item.range[0] - 1;
  while (i >= 0 && text[i] !== "-" && text[i] !== "\n") i--;
  return text[i] === "-" ? columnOf(text, i) : Math.max(columnOf(text, item.range[0]) - 2, 0);
}

/** Line by line: `[{added, removed, value}]`. */
export function lineDiff(before, after) {
  return diffLines(before, after);
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

/** A value written as one line of YAML flow: plain where that reads back the same. */
function flow(v) {
  if (Array.isArray(v)) return `[${v.map(flow).join(", ")}]`;
  if (isObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `${flow(k)}: ${flow(x)}`).join(", ")} }`;
  if (typeof v === "string") {
    const plain = /^[A-Za-z_][A-Za-z0-9 _./&+()-]*$/.test(v) && !/ $/.test(v)
      && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v);
    return plain ? v : JSON.stringify(v);
  }
  return JSON.stringify(v);
}

/** The column a node starts at. */
function columnOf(text, pos) {
  return pos - (text.lastIndexOf("\n", pos - 1) + 1);
}

/** Where a line can be added after `node`: the end of the line its content ends on. */
function afterLine(text, node) {
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(text[end - 1])) end--;
  const eol = text.indexOf("\n", end);
  return eol < 0 ? text.length : eol;
}

/**
 * What a tailoring added, written into the user's own source: the new variant, and the new
 * variant's name in `emphasize_for` lists (a skill written as a bare name gains the list as
 * `{ name: ..., emphasize_for: [...] }`). Only those additions are made, each as a small text
 * edit, so comments, quoting, folding and layout stay as the user wrote them; what the server
 * wrote differently only because it writes every source in one way (`urls` as `profiles`, say)
 * is not a change and is left alone. A source of another shape (JSON, JSON Resume, RenderCV)
 * or one that does not parse becomes `target` itself.
 */
export function mergeInto(text, target) {
  const doc = parseDocument(text);
  const wanted = parseDocument(target);
  if (doc.errors.length || wanted.errors.length || text.trimStart().startsWith("{")) return target;
  const have = doc.toJS();
  const want = wanted.toJS();
  if (!isObject(have) || !isObject(want) || "basics" in have || "cv" in have) return target;
  const edits = [];
  const block = (value, indent) => new Document(value).toString({ lineWidth: 0 })
    .trimEnd().split("\n").map((l) => `${indent}${l}`).join("\n");
  const addPair = (map, key, value) => {
    if (map.flow) {
      const close = map.range[1] - 1;
      edits.push({ from: close, to: close, insert: `, ${flow(key)}: ${flow(value)} ` });
      return;
    }
    const first = map.items[0];
    const indent = " ".repeat(columnOf(text, first.key.range[0]));
    const last = map.items[map.items.length - 1];
    let written;
    if (isObject(value)) {
      const body = Object.entries(value)
        .map(([k, v]) => `${indent}  ${flow(k)}: ${flow(v)}`)
        .join("\n");
      written = `\n${indent}${flow(key)}:\n${body}`;
    } else {
      written = `\n${indent}${flow(key)}: ${flow(value)}`;
    }
    const at = afterLine(text, last.value || last.key);
    edits.push({ from: at, to: at, insert: written });
  };
  const walk = (node, a, b, path) => {
    if (same(a, b) || !node) return;
    if (isMap(node) && isObject(a) && isObject(b)) {
      for (const k of Object.keys(b)) {
        if (k in a) {
          walk(node.get(k, true), a[k], b[k], [...path, k]);
        } else if (k === "emphasize_for" || path[0] === "variants") {
          if (node.items.length) addPair(node, k, b[k]);
        }
      }
    } else if (isSeq(node) && Array.isArray(a) && Array.isArray(b)) {
      if (b.length === a.length) {
        b.forEach((v, i) => walk(node.items[i], a[i], v, [...path, i]));
      } else if (path[path.length - 1] === "emphasize_for" && b.length > a.length && same(a, b.slice(0, a.length))) {
        const extra = b.slice(a.length);
        if (node.flow) {
          const close = node.range[1] - 1;
          edits.push({ from: close, to: close, insert: `${a.length ? ", " : ""}${extra.map(flow).join(", ")}` });
        } else if (node.items.length) {
          const lastItem = node.items[node.items.length - 1];
          const indent = " ".repeat(dashColumn(text, lastItem));
          const at = afterLine(text, lastItem);
          edits.push({ from: at, to: at, insert: extra.map((v) => `\n${indent}- ${flow(v)}`).join("") });
        }
      }
    } else if (isScalar(node) && typeof a === "string" && isObject(b) && b.name === a) {
      edits.push({ from: node.range[0], to: node.range[1], insert: flow(b) });
    }
  };
  const emptied = (v) => v === null || (isObject(v) && Object.keys(v).length === 0);
  for (const k of Object.keys(want)) {
    const node = doc.contents.get(k, true);
    if (k === "variants" && k in have && emptied(have[k]) && isObject(want[k])) {
      // `variants:` with nothing, or `variants: {}`: the new ones take its place, as a block.
      const at = node && node.range ? node.range : null;
      const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === k);
      const from = at ? at[0] : afterLine(text, pair.key);
      let to = at ? at[1] : from;
      while (to > from && /\s/.test(text[to - 1])) to--;
      edits.push({ from, to, insert: `\n${block(want[k], "  ")}` });
    } else if (k in have) {
      walk(node, have[k], want[k], [k]);
    } else if (k === "variants") {
      const tail = block({ variants: want.variants }, "");
      edits.push({ from: text.length, to: text.length, insert: `${text.endsWith("\n") ? "" : "\n"}${tail}\n` });
    }
  }
  // From the end backwards, so earlier offsets stay true; edits at one offset keep the order
  // they were made in.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((x, y) => y.from - x.from || y.i - x.i);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

/**
 * A tailoring accepted into `text`: `{text, inPlace}`, or `{refused}` for a source whose shape
 * has no variants to add one to (JSON Resume, RenderCV: convert it first). `inPlace` says the
 * user's own text was kept around the additions; otherwise (a JSON source, or one the in-place
 * edit could not hold) it is the tailored source written afresh.
 */
export function acceptTailoring(text, target, variantKey) {
  const have = toData(text).data;
  if (isObject(have) && ("basics" in have || "cv" in have)) {
    return { refused: "only vitae's native format holds variants: convert this source first (vitae convert FILE --to native)" };
  }
  const want = parseDocument(target).toJS();
  if (text.trimStart().startsWith("{")) {
    return { text: `${JSON.stringify(want, null, 2)}\n`, inPlace: false };
  }
  const merged = mergeInto(text, target);
  const got = parseDocument(merged);
  const variants = got.errors.length ? null : (got.toJS() || {}).variants;
  if (variants && same(variants[variantKey], want.variants[variantKey])) {
    return { text: merged, inPlace: true };
  }
  return { text: target, inPlace: false };
}
