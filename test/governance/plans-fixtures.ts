// Real-shaped improvement plans for the tests: a priority action plan as councils keep it in a
// spreadsheet (BOM, CRLF, UK dates, quoted commas and line breaks, an extra RAG notes column), and
// the multipart bodies a browser or API client sends.
import ExcelJS from 'exceljs';

/**
 * 15 actions in 3 priorities, statuses as at 30 June 2026:
 *  P1: 3 complete, 2 on target, 1 delayed, 1 not started → 43 / 29 / 14 / 14, complete or on target 71
 *  P2: 3 on target, 2 delayed → 0 / 60 / 40 / 0, 60
 *  P3: 1 complete, 1 on target, 1 delayed → 33 / 33 / 33 / 0, 67
 *  Overall: 4 / 6 / 4 / 1 of 15 → 27 / 40 / 27 / 7, 67
 */
export const PLAN_CSV = [
  '\uFEFFPriority,Priority title,Reference,Action,Lead,SRO,Start date,Due date,Status,Success measure,Update,RAG notes',
  '1,"Leaders should cooperate at pace to improve shared strategic oversight, governance, support and challenge",1.1,Refresh SEND Partnership Board terms of reference,Head of SEND,Director of Children\'s Services,15/01/2026,31/03/2026,Complete,Terms of reference signed off,Approved by the board on 20 March,',
  '1,,1.2,"Integrated SEND performance dashboard, 25-30 KPIs",BI lead,Director of Children\'s Services,01/02/2026,30/04/2026,Completed,KPI EHC-20WK and ND-WAIT reported monthly,"Working group set up;\nfirst draft presented 20 June",',
  '1,,1.3,Appoint SEND programme manager,Morgan Manager,Director of Children\'s Services,01/02/2026,31/05/2026,Blue,Post filled,,',
  '1,,1.4,Parent carer survey,Parent Carer Forum chair,Head of SEND,01/03/2026,30/09/2026,On track,Response rate above 20%,Survey open until end of June,',
  '1,,1.5,Alternative provision strategy,Head of Inclusion,Director of Education,01/04/2026,30/09/2026,Green,Strategy approved,,',
  '1,,1.6,Quarterly scrutiny of the plan,Head of SEND,Director of Children\'s Services,01/04/2026,31/12/2026,Delayed,,Board dates not yet set,',
  '1,,1.7,Train board members in SEND data,BI lead,Director of Children\'s Services,01/09/2026,31/12/2026,Not started,,,',
  '2,Improve information gathering and sharing between education health and social care,2.1,Data sharing protocol,ICB lead,ICB Director of Nursing,,31/12/2026,On target,,,',
  '2,,2.2,Health access to draft EHC plans,Designated Clinical Officer,ICB Director of Nursing,,31/10/2026,On track,,,',
  '2,,2.3,Refresh the local offer,Local offer officer,Head of SEND,,31/12/2026,Green,,,',
  '2,,2.4,Single referral form,Early help manager,Head of SEND,,30/09/2026,Amber,,Paper delayed by another inspection,',
  '2,,2.5,Weekly multi-agency panel,Head of SEND,Head of SEND,,31/08/2026,At risk,,,',
  '',
  '3,Improve joint commissioning,3.1,Joint commissioning strategy,Commissioning lead,ICB Director of Nursing,2026-01-05,2026-06-30,complete,,,',
  '3,,3.2,Speech and language therapy re-procurement,Commissioning lead,ICB Director of Nursing,2026-02-01,2026-12-31,on-target,,,',
  '3,,3.3,Short breaks sufficiency review,Commissioning lead,ICB Director of Nursing,2026-03-01,2026-08-31,Red,,Capacity issues,',
].join('\r\n') + '\r\n';

/** Every kind of problem at once; 8 problems. */
export const DIRTY_CSV = [
  'Priority,Priority title,Reference,Action,Lead,Due date,Status',
  '1,Governance,1.1,Set up board,Head of SEND,31/03/2026,Complete',
  '1,,1.2,Dashboard,BI lead,30/04/2026,Finished',
  '1,,1.1,Duplicate reference,Head of SEND,01/05/2026,On track',
  '2,,2.1,,ICB lead,31/02/2026,Delayed',
  '2,,2.2,Plan,,next week,In progress',
].join('\n') + '\n';

export const DIRTY_PROBLEM_FIELDS = [
  'row 3 status', 'row 4 reference', 'row 5 priority_title', 'row 5 action', 'row 5 due_date', 'row 6 lead', 'row 6 due_date', 'row 6 status',
];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * A BRAG plan of 8 actions in one priority, as an Excel workbook with date cells:
 * 1 embedded, 2 complete, 3 on target, 1 delayed, 1 not started →
 * complete 3 (38%, half up from 37.5), embedded 1 (13%), on target 3 (38%), delayed 1 (13%),
 * not started 1 (13%), complete or on target 6 (75%).
 */
export async function planXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Priority action plan');
  ws.addRow(['Priority', 'Priority title', 'Reference', 'Action', 'Lead', 'SRO', 'Start date', 'Due date', 'Status', 'Update']);
  const rows: [string, string, Date, string, string | null][] = [
    ['4.1', 'Reduce the neurodevelopmental waiting list', utc(2026, 12, 31), 'Embedded', 'Now business as usual'],
    ['4.2', 'Waiting well offer', utc(2026, 6, 30), 'Complete', null],
    ['4.3', 'Early years identification training', utc(2026, 7, 31), 'Completed', null],
    ['4.4', 'Speech and language drop-ins', utc(2026, 12, 31), 'On target', null],
    ['4.5', 'Graduated approach toolkit', utc(2027, 3, 31), 'Green', null],
    ['4.6', 'Monthly therapy waiting times', utc(2026, 10, 31), 'On track', null],
    ['4.7', 'Neurodevelopmental hub', utc(2027, 3, 31), 'Delayed', 'Premises not yet agreed'],
    ['4.8', 'Quarterly waiting time report', utc(2027, 6, 30), 'Not started', null],
  ];
  for (const [i, [ref, action, due, status, update]] of rows.entries()) {
    ws.addRow([4, i === 0 ? 'Improve early identification and access to specialist health pathways' : null, ref, action, 'Designated Clinical Officer', 'ICB Director of Nursing', utc(2026, 1, 1), due, status, update]);
  }
  ws.getColumn(3).numFmt = '@';
  // References must stay text ("4.1"), as a council's sheet would format them.
  ws.getColumn(3).eachCell((cell, row) => { if (row > 1) cell.value = String(cell.value); });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body, as a browser or an API client sends it. */
export async function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array | string }): Promise<{ payload: Buffer; contentType: string }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}
