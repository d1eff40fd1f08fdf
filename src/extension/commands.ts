/** Command, view and context-key ids, in one place (they must match package.json `contributes`). */
export const COMMANDS = {
  rescan: 'skillRadar.rescan',
  cancelScan: 'skillRadar.cancelScan',
  showReport: 'skillRadar.showReport',
  showSkill: 'skillRadar.showSkillInReport',
  openEvidence: 'skillRadar.openEvidence',
  openEvidenceToSide: 'skillRadar.openEvidenceToSide',
  revealEvidence: 'skillRadar.revealInExplorer',
  copyPath: 'skillRadar.copyPath',
  copyRelativePath: 'skillRadar.copyRelativePath',
  showCommit: 'skillRadar.showCommit',
  focus: 'skillRadar.focus',
  setTarget: 'skillRadar.setTarget',
  exportMarkdown: 'skillRadar.exportMarkdown',
  exportJson: 'skillRadar.exportJson',
  openLearnLink: 'skillRadar.openLearnLink',
  filterGaps: 'skillRadar.filterGaps',
  filterAll: 'skillRadar.filterAll',
  dismiss: 'skillRadar.dismiss',
  restore: 'skillRadar.restore',
  restoreAll: 'skillRadar.restoreAll',
  getStarted: 'skillRadar.getStarted',
  showLog: 'skillRadar.showLog',
  addToGitignore: 'skillRadar.addToGitignore',
  showYou: 'skillRadar.showYourSkills',
  showRepository: 'skillRadar.showRepositorySkills',
  setIdentity: 'skillRadar.setIdentity',
  exportProfile: 'skillRadar.exportProfile',
} as const;

/** The activity-bar view container (package.json `viewsContainers`). */
export const VIEW_CONTAINER = 'skillRadar';
/** The Skills tree view (package.json `views`). */
export const SKILLS_VIEW = 'skillRadar.skills';
/** The radar webview view above the tree (package.json `views`, type webview). */
export const RADAR_VIEW = 'skillRadar.radar';
/** Context key: 'scanning' | 'ready' | 'empty' | 'error' | 'noFolder'. */
export const STATE_CONTEXT = 'skillRadar.state';
/** Context key and workspace-state key of the tree's lens: 'repository' | 'you'. */
export const LENS_CONTEXT = 'skillRadar.lens';
/** Context key: true while a scan runs (shows Cancel Scan in the view's title bar). */
export const SCANNING_CONTEXT = 'skillRadar.scanning';
/** Context key: the tree filter, 'gaps' | 'all'. */
export const FILTER_CONTEXT = 'skillRadar.filter';
/** Context key: true when some skill was dismissed as not relevant. */
export const DISMISSED_CONTEXT = 'skillRadar.hasDismissed';
/** The walkthrough (package.json `walkthroughs`), as `publisher.name#id`. */
export const WALKTHROUGH = 'skill-radar.skill-radar#skillRadar.gettingStarted';
/** The diagnostic collection's `source` in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'Skill Radar';
