/** Copying a phone number or address from the popup. */
import type { CopyText } from './agency-card';

/** Writes to the clipboard with the asynchronous Clipboard API. */
export const clipboardCopy: CopyText = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};
