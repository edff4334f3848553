export { promiseCycle } from './promise-cycle';
