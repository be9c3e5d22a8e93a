// Headline cards: the answer first, each a link to the page with the evidence.
export function headlineCards(cards) {
  const grid = document.createElement("div");
  grid.className = "headlines";
  for (const card of cards) {
    const element = document.createElement(card.href ? "a" : "div");
    element.className = `headline${card.alert ? " alert" : ""}`;
    if (card.href) element.href = card.href;
    for (const [className, text] of [["label", card.label], ["value", card.value], ["hint", card.note]]) {
      if (text === undefined || text === null) continue;
      const part = document.createElement("div");
      part.className = className;
      part.textContent = String(text);
      element.append(part);
    }
    grid.append(element);
  }
  return grid;
}
