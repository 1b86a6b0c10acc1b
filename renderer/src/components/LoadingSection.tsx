// Moved to the kit; this re-export stays while MinutesScreen (being changed by issue 16)
// still imports it from here.
export { LoadingSection } from '../kit/LoadingSection';
