// The context-menu item: "Check this quote" on selected text opens a small window with the answer.
const MENU_ID = "check-quote";
// The service refuses longer texts (MAX_TEXT_CHARS); a longer selection is cut, not refused.
const MAX_SELECTION_CHARS = 10000;

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: "Check this quote", contexts: ["selection"] });
});

// Also called by the tests, with what a context-menu click hands over.
export async function checkSelection(info, tab) {
  const text = (info.selectionText || "").trim().slice(0, MAX_SELECTION_CHARS);
  if (!text) return;
  await chrome.storage.session.set({ pending: { text, title: tab && tab.title, url: info.pageUrl || (tab && tab.url) } });
  await chrome.windows.create({ url: chrome.runtime.getURL("result.html"), type: "popup", width: 480, height: 640 });
}
globalThis.checkSelection = checkSelection;

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) checkSelection(info, tab);
});
