// Progressive enhancement only: every form works without this script.
// "Add a row" clones the last row of a repeating section with the next index.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.add-row");
  if (!button) return;
  const name = button.dataset.target;
  const rows = document.querySelector(`.rows[data-rows="${name}"]`);
  const last = rows && rows.lastElementChild;
  if (!last) return;
  const index = rows.children.length;
  const pattern = new RegExp(`^${name}\\.\\d+\\.`);
  const copy = last.cloneNode(true);
  copy.querySelectorAll("[name]").forEach((field) => {
    field.name = field.name.replace(pattern, `${name}.${index}.`);
    if (field.type === "hidden") return;
    if (field.tagName === "SELECT") field.selectedIndex = 0;
    else field.value = "";
    field.removeAttribute("aria-invalid");
  });
  copy.querySelectorAll(".error").forEach((node) => node.remove());
  copy.querySelectorAll(".invalid").forEach((node) => node.classList.remove("invalid"));
  rows.appendChild(copy);
});
