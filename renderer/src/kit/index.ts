// The renderer's kit: the pieces every screen repeats. A new screen takes its busy/error
// from useAction, its notices (what a write did, worded when drawn) from notice, its banners
// from ErrorBanner, its labelled inputs from Field, its enum dropdowns from EnumSelect, its
// tab bar from Tabs and its first paint from LoadingSection.
export {
  Problem,
  runAction,
  said,
  thrown,
  wordFailure,
  wordThrown,
  type ActionResult,
  type Failure,
  type Say,
  type Wording,
} from './action';
export { EnumSelect } from './EnumSelect';
export { ErrorBanner } from './ErrorBanner';
export { Field } from './Field';
export { LoadingSection } from './LoadingSection';
export { errorNotice, okNotice, say, thrownNotice, wordNotice, type Notice } from './notice';
export { Tabs } from './Tabs';
export { tabKeyTarget } from './tabs-keys';
export { useAction, type Action } from './useAction';
