// Draw an answer of POST /v1/verify: the verdict in words with its icon and colour, then each
// segment's real speaker, the diff, the explanation and the article; built with DOM nodes and
// textContent only, so nothing the service or the page sends is ever read as HTML.
const VERDICTS = {
  verified: ["✓", "Verified", "These are the speaker's words as published."],
  altered: ["✎", "Altered", "The closest stored quote says something different: words were changed, added or dropped."],
  paraphrase: ["≈", "Paraphrase", "This restates what the person said, not their exact words."],
  misattributed: ["✗", "Misattributed", "The words match a stored statement, but someone else said it."],
  not_found: ["?", "Not found", "Nothing stored matches closely enough. That does not prove it is invented."],
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function diffNodes(diff) {
  const out = [];
  for (const op of diff) {
    if (op.note === "context") continue; // the submitter's own words around the quote
    if (out.length) out.push(" ");
    if (op.op === "equal") out.push(op.stored);
    else if (op.note) out.push(el("span", { class: "muted", title: op.note }, op.op === "insert" ? op.submitted : op.stored));
    else if (op.op === "delete") out.push(el("del", { class: op.negation ? "neg" : "" }, op.stored));
    else if (op.op === "insert") out.push(el("ins", { class: op.negation ? "neg" : "" }, op.submitted));
    else out.push(el("del", { class: op.negation ? "neg" : "" }, op.stored), " ", el("ins", { class: op.negation ? "neg" : "" }, op.submitted));
  }
  return out;
}

function matchBlock(match) {
  const who = [match.speaker.role, match.speaker.affiliation].filter(Boolean).join(", ");
  const article = safeUrl(match.article.url)
    ? el("a", { href: safeUrl(match.article.url), target: "_blank", rel: "noopener noreferrer" }, match.article.title)
    : match.article.title;
  return el(
    "div",
    { class: "match" },
    el("p", { class: "said-by" }, "Said by ", el("strong", {}, match.speaker.name), who ? `, ${who}` : ""),
    el("blockquote", { class: "diff" }, ...diffNodes(match.diff)),
    el("p", { class: "explanation" }, match.explanation),
    el("p", { class: "source" }, "Source: ", article, match.article.publisher ? `, ${match.article.publisher}` : ""),
  );
}

export function renderAnswer(container, answer, { service, text }) {
  const [icon, word, summary] = VERDICTS[answer.verdict] || VERDICTS.not_found;
  const parts = [
    el(
      "div",
      { class: `verdict v-${answer.verdict}`, "data-verdict": answer.verdict },
      el("h2", {}, el("span", { "aria-hidden": "true" }, icon), ` ${word}`),
      el("p", {}, summary),
    ),
  ];
  const several = answer.segments.length > 1;
  answer.segments.forEach((segment, i) => {
    const top = segment.verdict !== "not_found" ? segment.matches[0] : null;
    const block = el("section", { class: "segment", "data-verdict": segment.verdict });
    if (several) block.append(el("h3", {}, `Passage ${i + 1} (${(VERDICTS[segment.verdict] || VERDICTS.not_found)[1]}): “${segment.text}”`));
    if (top) block.append(matchBlock(top));
    else if (several) block.append(el("p", {}, "Not on record."));
    parts.push(block);
  });
  const permalink = `${service}/check?${new URLSearchParams({ text })}`;
  parts.push(el("p", { class: "permalink" }, el("a", { href: permalink, target: "_blank", rel: "noopener" }, "The full check on the service's page")));
  container.replaceChildren(...parts);
}

export function renderProblem(container, message) {
  container.replaceChildren(el("p", { class: "problem", role: "alert" }, message));
}
