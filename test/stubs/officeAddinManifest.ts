// office-addin-mock imports office-addin-manifest, whose ESM-only dependency jest cannot load.
// The mock uses only its OfficeApp enum (to tell Outlook's load semantics from the others'),
// so that enum, with the package's values, is all this stand-in provides.
export enum OfficeApp {
  Excel = 'excel',
  OneNote = 'onenote',
  Outlook = 'outlook',
  PowerPoint = 'powerpoint',
  Project = 'project',
  Word = 'word',
}
