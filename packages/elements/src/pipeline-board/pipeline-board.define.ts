import { HkPipelineBoard } from './pipeline-board.js';

HkPipelineBoard.define('hk-pipeline-board');

declare global {
  interface HTMLElementTagNameMap {
    'hk-pipeline-board': HkPipelineBoard;
  }
}
