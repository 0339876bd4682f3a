import type { DealCalculatorExtrasMessages } from './deal-calculator-extras.messages.js';

const es: DealCalculatorExtrasMessages = {
  warning_irr_multiple_sign_changes:
    'Los flujos anuales cambian de signo más de una vez: la TIR puede no ser única.',
  warning_no_cash_invested:
    'No queda efectivo en la operación: la rentabilidad sobre el efectivo no tiene sentido.',
  warning_refinance_short_of_payoff:
    'La refinanciación no cancela el préstamo de compra: hay que aportar efectivo.',
  warning_negative_max_allowable_offer: 'La oferta máxima es negativa.',
  schedule: 'Cuadro de amortización (por año)',
  year: 'Año',
  payment: 'Cuotas',
  interest: 'Intereses',
  principal: 'Capital',
  balance: 'Saldo',
  projection: 'Proyección',
  projectionChart: 'Patrimonio, saldo del préstamo y flujo de caja acumulado por año',
  noi: 'Ingreso neto',
  cashFlow: 'Flujo de caja',
  cumulativeCashFlow: 'Flujo de caja acumulado',
  value: 'Valor',
  loanBalance: 'Saldo del préstamo',
  equity: 'Patrimonio',
  sensitivity: 'Sensibilidad',
  sensitivityCaption: (metric: string, row: string, column: string) =>
    `${metric} según ${row} (filas) y ${column} (columnas)`,
  currentScenario: '(actual)',
};

export default es;
