/** Command, view and context-key ids, in one place (they must match package.json `contributes`). */
export const COMMANDS = {
  rescan: 'skillRadar.rescan',
  cancelScan: 'skillRadar.cancelScan',
  showReport: 'skillRadar.showReport',
  openEvidence: 'skillRadar.openEvidence',
  focus: 'skillRadar.focus',
  setTarget: 'skillRadar.setTarget',
  exportMarkdown: 'skillRadar.exportMarkdown',
  exportJson: 'skillRadar.exportJson',
  openLearnLink: 'skillRadar.openLearnLink',
  showYou: 'skillRadar.showYourSkills',
  showRepository: 'skillRadar.showRepositorySkills',
  setIdentity: 'skillRadar.setIdentity',
  exportProfile: 'skillRadar.exportProfile',
} as const;

/** The activity-bar view container (package.json `viewsContainers`). */
export const VIEW_CONTAINER = 'skillRadar';
/** The Skills tree view (package.json `views`). */
export const SKILLS_VIEW = 'skillRadar.skills';
/** Context key: 'scanning' | 'ready' | 'error' | 'noFolder'. */
export const STATE_CONTEXT = 'skillRadar.state';
/** Context key and workspace-state key of the tree's lens: 'repository' | 'you'. */
export const LENS_CONTEXT = 'skillRadar.lens';
/** Context key: true while a scan runs (shows Cancel Scan in the view's title bar). */
export const SCANNING_CONTEXT = 'skillRadar.scanning';
