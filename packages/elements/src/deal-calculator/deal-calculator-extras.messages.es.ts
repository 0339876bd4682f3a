import type { DealCalculatorExtrasMessages } from './deal-calculator-extras.messages.js';

const es: DealCalculatorExtrasMessages = {
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
