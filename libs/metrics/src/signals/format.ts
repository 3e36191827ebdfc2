/** Numbers as the reasons of a signal show them: shares in whole percent, hours and factors to one decimal. */
export const percent = (share: number): string => `${Math.round(share * 100)}%`;
export const hours = (value: number): string => `${value.toFixed(1)} h`;
export const times = (factor: number): string => `${factor.toFixed(1)}×`;
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
