import { dataAggregate } from './aggregate.ts';
import { dataBatch } from './batch.ts';
import { dataCsv } from './csv.ts';
import { dataFilter } from './filter.ts';

export { dataAggregate, dataBatch, dataCsv, dataFilter };
export const dataTools = [dataCsv, dataFilter, dataAggregate, dataBatch] as const;
