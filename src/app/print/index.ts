import './print.css';
export { Receipt, type FormProps } from './Receipt';
export { SupplementRequest, Refusal, ApologyNotice, StopNotice } from './Notices';
export { Logbook, type LogbookProps } from './Logbook';
export { isPrintForm, type FormSet, type PrintForm } from './formNumbers';
