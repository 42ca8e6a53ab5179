/** Every keyboard shortcut of the editor; the help dialog lists these and the README repeats them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: string }> = [
  { keys: ['Ctrl', 'S'], action: 'Save a new version' },
  { keys: ['Ctrl', 'Enter'], action: 'Run the graph' },
  { keys: ['Ctrl', 'Z'], action: 'Undo' },
  { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
  { keys: ['Ctrl', 'C'], action: 'Copy the selected nodes (as JSON, to the clipboard)' },
  { keys: ['Ctrl', 'X'], action: 'Cut the selected nodes' },
  { keys: ['Ctrl', 'V'], action: 'Paste nodes (also from another graph or tab)' },
  { keys: ['Ctrl', 'D'], action: 'Duplicate the selected nodes' },
  { keys: ['Ctrl', 'A'], action: 'Select everything' },
  { keys: ['Delete'], action: 'Delete the selection (also Backspace)' },
  { keys: ['Escape'], action: 'Clear the selection' },
  { keys: ['Shift', 'L'], action: 'Auto-layout' },
  { keys: ['Shift', 'F'], action: 'Fit the graph in view' },
  { keys: ['/'], action: 'Search the tools' },
  { keys: ['Shift', 'drag'], action: 'Select with a box' },
  { keys: ['?'], action: 'This help' },
];
