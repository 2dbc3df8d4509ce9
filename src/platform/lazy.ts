// Heavy libraries that only a few requests need (spreadsheets, PDFs, Word documents, SMTP), loaded on first use so
// that start-up does not pay for them: exceljs alone costs ~0.5 s and ~20 MB before the first export.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const excel = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');
export const pdfkit = (): typeof import('pdfkit') => require('pdfkit') as typeof import('pdfkit');
export const docx = (): typeof import('docx') => require('docx') as typeof import('docx');
export const nodemailer = (): typeof import('nodemailer') => require('nodemailer') as typeof import('nodemailer');
export const fontkit = (): typeof import('fontkit') => require('fontkit') as typeof import('fontkit');
