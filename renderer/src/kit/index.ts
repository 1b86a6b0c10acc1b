// The renderer's kit: the pieces every screen repeats. A new screen takes its busy/error
// from useAction, its banners from ErrorBanner, its labelled inputs from Field, its
// enum dropdowns from EnumSelect, its tab bar from Tabs and its first paint from LoadingSection.
export {
  runAction,
  said,
  thrown,
  wordFailure,
  type ActionResult,
  type Failure,
  type Say,
  type Wording,
} from './action';
export { EnumSelect } from './EnumSelect';
export { ErrorBanner } from './ErrorBanner';
export { Field } from './Field';
export { LoadingSection } from './LoadingSection';
export { Tabs } from './Tabs';
export { tabKeyTarget } from './tabs-keys';
export { useAction, type Action } from './useAction';
