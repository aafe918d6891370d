import { lazy } from 'react';

/**
 * Screens and parts most people never open, or open only after the first screen: loaded when first shown, so the
 * first screen paints from a small script (the calculator's rule tables, Linux CE mode, xterm and uPlot stay out).
 */
export const CalculatorScreen = lazy(() => import('./screens/CalculatorScreen').then((m) => ({ default: m.CalculatorScreen })));
export const CeConnectPanel = lazy(() => import('./screens/linux-ce/CeConnectPanel').then((m) => ({ default: m.CeConnectPanel })));
export const CeDetectedScreen = lazy(() => import('./screens/linux-ce/CeDetectedScreen').then((m) => ({ default: m.CeDetectedScreen })));
export const CePlanScreen = lazy(() => import('./screens/linux-ce/CePlanScreen').then((m) => ({ default: m.CePlanScreen })));
export const CeResultScreen = lazy(() => import('./screens/linux-ce/CeResultScreen').then((m) => ({ default: m.CeResultScreen })));
export const ConsoleView = lazy(() => import('./components/ConsoleView'));
export const CounterChart = lazy(() => import('./components/CounterChart'));
/** The topology reads every finding's hop from the definitions (and so their detectors): only the findings need it. */
export const Topology = lazy(() => import('./components/Topology').then((m) => ({ default: m.Topology })));
