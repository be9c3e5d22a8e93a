// A labelled <select> that works with Framework's view(): it has a value and fires "input".
// (Framework's Inputs library would come from a CDN; this is a few lines of DOM instead.)
export function selectInput({ label, options, value }) {
  const wrapper = document.createElement("label");
  wrapper.className = "select-input";
  const text = document.createElement("span");
  text.textContent = label;
  const select = document.createElement("select");
  select.setAttribute("aria-label", label);
  for (const option of options) {
    const element = document.createElement("option");
    element.value = String(option.value);
    element.textContent = option.label;
    select.append(element);
  }
  if (value !== undefined) select.value = String(value);
  wrapper.append(text, select);
  Object.defineProperty(wrapper, "value", { get: () => select.value });
  select.addEventListener("change", () => wrapper.dispatchEvent(new Event("input", { bubbles: true })));
  return wrapper;
}

/** Options for a column of rows: "全部" first, then each distinct value with its label. */
export function optionsOf(rows, key, labelOf = (v) => String(v), all = "全部") {
  const values = [...new Set(rows.map((row) => row[key]).filter((v) => v !== null && v !== undefined))].sort();
  return [...(all ? [{ value: "", label: all }] : []), ...values.map((v) => ({ value: v, label: labelOf(v) }))];
}
