/** Props of the lazy Monaco editor, shared by its wrapper and its implementation. */
export interface CodeMarker {
  message: string;
  /** 0-based offsets into the text; the whole text when absent. */
  start?: number;
  end?: number;
}

export interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  language: 'json' | 'cel';
  /** Problems to underline (from the engine's validator running in the browser). */
  markers?: readonly CodeMarker[];
  minLines?: number;
  maxLines?: number;
  readOnly?: boolean;
  placeholder?: string;
  ariaLabel?: string;
  testId?: string;
}
